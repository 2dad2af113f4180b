"""The vendors' libraries the stub emulates (``make stub-vendors``, ``make test-vendors``):
declared here, in one place, and read by tools/vendors.py (what to build and run) and by
tests/backends.py (what the libdrmaa2 backend answers on each).

A *build* is the stub compiled with one layout profile of ``drmaa2/_c/profiles.py``
(tests/stub/drmaa2.h selects structs, function names and constants by
``DRMAA2_STUB_PROFILE``) into ``build/vendors/<build>/libdrmaa2.so``; ``valgrind`` runs
the stub's C checks on every build.  A *variant* is one build with zero or more of the
run-time quirks of ``DRMAA2_STUB_QUIRKS`` (tests/stub/quirks.c); the conformance suite
runs once per variant with ``DRMAA2_TEST_VARIANT`` naming it.

This module imports nothing of drmaa2: the build runs before the package is installed.
"""
import collections

#: The builds: the profile (as drmaa2/_c/profiles.py names it), the C flags, and what
#: the real library of that profile reports, which the binding must find on its own:
#:
#: - ``drms_name``: what ``drmaa2.get_drms_name()`` says (None: the library gives none,
#:   as the OGF mock);
#: - ``drmaa_major``: the major version ``drmaa2.get_drmaa_version()`` tells (None:
#:   the library has no drmaa2_get_drmaa_version, as UGE 8.3's);
#: - ``job_name``: whether its job info has jobName (the 2016 layout);
#: - ``absent``: the C functions of the standard the build does not export.
BUILDS = collections.OrderedDict([
    ("gfd198", {"profile": "gfd198", "cflags": ["-DDRMAA2_STUB_PROFILE=DRMAA2_STUB_GFD198"],
                "drms_name": None, "drmaa_major": "0", "job_name": False,
                "absent": ("j_get_jtemplate", "jarray_get_jtemplate",
                                              "r_get_rtemplate")}),
    ("uge83", {"profile": "uge83", "cflags": ["-DDRMAA2_STUB_PROFILE=DRMAA2_STUB_UGE83"],
               "drms_name": "Univa Grid Engine", "drmaa_major": None, "job_name": False,
               "absent": ("get_drmaa_name", "get_drmaa_version")}),
    ("gfd230", {"profile": "gfd230", "cflags": ["-DDRMAA2_STUB_PROFILE=DRMAA2_STUB_GFD230"],
                "drms_name": "drmaa2-stub", "drmaa_major": "2", "job_name": True,
                "absent": ()}),
    ("uge", {"profile": "uge", "cflags": ["-DDRMAA2_STUB_PROFILE=DRMAA2_STUB_UGE"],
             "drms_name": "Univa Grid Engine", "drmaa_major": "2", "job_name": True,
             "absent": ()}),
    # A library without the optional functions (dlsym cannot be fooled at run time).
    ("gfd230-minimal", {"profile": "gfd230",
                        "cflags": ["-DDRMAA2_STUB_PROFILE=DRMAA2_STUB_GFD230",
                                   "-DDRMAA2_STUB_NO_OPTIONAL"],
                        "drms_name": "drmaa2-stub", "drmaa_major": "2", "job_name": True,
                        "absent": ("j_reap", "jarray_reap", "version_impl_spec",
                                   "get_drmaa_name")}),
])

#: The variants the conformance suite runs on: name -> (build, quirks).  Every build
#: without a quirk, every quirk on gfd230, the sticky last error on Grid Engine and on
#: the 2012 layout as well.
VARIANTS = collections.OrderedDict([
    ("gfd198", ("gfd198", ())),
    ("uge83", ("uge83", ())),
    ("gfd230", ("gfd230", ())),
    ("uge", ("uge", ())),
    ("gfd230-minimal", ("gfd230-minimal", ())),
    ("gfd230+sticky_lasterror", ("gfd230", ("sticky_lasterror",))),
    ("gfd230+static_lasterror_text", ("gfd230", ("static_lasterror_text",))),
    ("gfd230+list_prepends", ("gfd230", ("list_prepends",))),
    ("gfd230+null_drms_name", ("gfd230", ("null_drms_name",))),
    ("gfd230+empty_jarray_null", ("gfd230", ("empty_jarray_null",))),
    ("uge+sticky_lasterror", ("uge", ("sticky_lasterror",))),
    ("gfd198+sticky_lasterror", ("gfd198", ("sticky_lasterror",))),
])

#: Quirks the stub emulates that the binding cannot handle (docs/library.md says why):
#: no variant runs the suite with them; tests/test_vendors.py shows what they do.
UNHANDLED_QUIRKS = ("noop_waits",)

#: The environment variable naming the variant under test (unset: the plain stub).
VARIABLE = "DRMAA2_TEST_VARIANT"
#: The stub's variable of run-time quirks.
QUIRKS_VARIABLE = "DRMAA2_STUB_QUIRKS"


def variant(name):
    """``(build name, build, quirks)`` of the variant ``name``; an unknown name is an
    error (a typo must not test the plain stub)."""
    if name not in VARIANTS:
        raise ValueError("%s=%r names no variant; known: %s"
                         % (VARIABLE, name, ", ".join(VARIANTS)))
    build_name, quirks = VARIANTS[name]
    return build_name, BUILDS[build_name], quirks


def backend_differences(environ):
    """What the libdrmaa2 backend answers differently on the variant ``environ`` names
    (an update of its entry in tests/backends.py; empty without a variant)."""
    name = environ.get(VARIABLE)
    if not name:
        return {}
    build_name, build, quirks = variant(name)
    differences = {
        # The tests about the stub itself (its faults, its exact names) run on the plain
        # stub only.
        "stub": False,
        "drms_name": None if "null_drms_name" in quirks else build["drms_name"],
        "drmaa_major": build["drmaa_major"],
        "job_info_job_name": build["job_name"],
        "reap": "j_reap" not in build["absent"],
    }
    return differences
