"""The field table of the DRMAA2 structs (drmaa2._fields) against everything derived from
it or written beside it: the data types (drmaa2.types), their type stubs (types.pyi), the
stub library's C header (tests/stub/drmaa2.h) and the layout of each profile."""
import ast
import ctypes
import datetime
import os
import re
import subprocess

import pytest

from conftest import ROOT
from drmaa2 import _fields, constants, types
from drmaa2._c import profiles
from drmaa2._c.structs import CTYPES, layout, struct_set
from drmaa2._fields import STRUCTS
from drmaa2.exceptions import InvalidArgumentException

STRUCT_NAMES = list(STRUCTS)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=constants.UTC)


def test_the_table_has_the_nine_structs_in_the_standards_order():
    assert STRUCT_NAMES == ["jtemplate", "jinfo", "rtemplate", "rinfo", "slotinfo",
                            "queueinfo", "machineinfo", "notification", "version"]
    machine = [field.c_name for field in STRUCTS["machineinfo"].fields]
    assert machine[-3:] == ["machineOS", "machineOSVersion", "machineArch"]
    assert [field.c_name for field in STRUCTS["jinfo"].fields][:3] == \
        ["jobId", "jobName", "exitStatus"]
    for struct in STRUCTS.values():
        for field in struct.fields:
            assert field.kind in _fields.KINDS and field.c_type in CTYPES, field
            assert (field.enum_class is not None) == (field.kind == _fields.ENUM), field


# ----------------------------------------------------------------- the data types

@pytest.mark.parametrize("struct_name", STRUCT_NAMES)
def test_each_data_type_has_the_tables_fields_and_is_registered(struct_name):
    struct = STRUCTS[struct_name]
    cls = getattr(types, struct.type_name)
    assert struct.data_type is cls
    assert cls._type_name == struct_name
    assert cls._fields == tuple(field.name for field in struct.fields)
    assert [camel for _, camel, _ in cls._spec] == [field.c_name for field in struct.fields]
    assert cls(dict((field.c_name, None) for field in struct.fields)) == cls()


# What a field of each kind accepts, what it holds then, and one value it refuses.
def _accepted(field):
    return {
        _fields.STRING: (b"x", "x"),
        _fields.STRINGS: (("a", "b"), ["a", "b"]),
        _fields.DICT: ({"a=b": "c"}, {"a=b": "c"}),
        _fields.ENVIRONMENT: ({"A": "b"}, {"A": "b"}),
        _fields.BOOL: (True, True),
        _fields.COUNT: (2 ** 40, 2 ** 40),
        _fields.INT: (-5, -5),
        _fields.PRIORITY: (2 ** 40, 2 ** 40),
        _fields.FLOAT: (1, 1.0),
        _fields.ENUM: (0, field.enum_class(0) if field.enum_class else None),
        _fields.TIME: (60, EPOCH + datetime.timedelta(seconds=60)),
        _fields.START_TIME: (constants.NOW, constants.NOW),
        _fields.DURATION: (61, datetime.timedelta(seconds=61)),
        _fields.CPU_TIME: (62, datetime.timedelta(seconds=62)),
        _fields.VERSION: (types.Version(major="1"), types.Version(major="1")),
        _fields.SLOTINFOS: ([types.SlotInfo(slots=1)], [types.SlotInfo(slots=1)]),
    }[field.kind]


REFUSED = {
    _fields.STRING: 5, _fields.STRINGS: "ab", _fields.DICT: ["a"],
    _fields.ENVIRONMENT: {"A=B": "c"}, _fields.BOOL: 1, _fields.COUNT: 2 ** 63,
    _fields.INT: 2 ** 31, _fields.PRIORITY: 1.5, _fields.FLOAT: "1",
    _fields.ENUM: 1000, _fields.TIME: constants.NOW, _fields.START_TIME: -1,
    _fields.DURATION: -1, _fields.CPU_TIME: "1", _fields.VERSION: "1.0",
    _fields.SLOTINFOS: [types.Version()],
}


@pytest.mark.parametrize("struct_name", STRUCT_NAMES)
def test_each_data_type_field_holds_what_its_kind_says(struct_name):
    struct = STRUCTS[struct_name]
    cls = struct.data_type
    for field in struct.fields:
        given, held = _accepted(field)
        record = cls(**{field.name: given})
        assert getattr(record, field.name) == held, field
        assert type(getattr(record, field.name)) is not type(None), field
        with pytest.raises((TypeError, InvalidArgumentException)):
            cls(**{field.name: REFUSED[field.kind]})


# ----------------------------------------------------------------- the type stubs

STUB_TYPES = {
    _fields.STRING: "str", _fields.STRINGS: "List[str]", _fields.DICT: "Dict[str, str]",
    _fields.ENVIRONMENT: "Dict[str, str]", _fields.BOOL: "bool", _fields.COUNT: "int",
    _fields.INT: "int", _fields.PRIORITY: "int", _fields.FLOAT: "float",
    _fields.TIME: "datetime.datetime", _fields.START_TIME: "Union[datetime.datetime, _Now]",
    _fields.DURATION: "datetime.timedelta", _fields.CPU_TIME: "datetime.timedelta",
    _fields.VERSION: "Version", _fields.SLOTINFOS: "List[SlotInfo]",
}


def stub_attributes(type_name):
    """The ``name: annotation`` lines of the class ``type_name`` of types.pyi."""
    with open(os.path.join(ROOT, "drmaa2", "types.pyi")) as handle:
        text = handle.read()
    body = re.search(r"^class %s\b.*?(?=^\S|\Z)" % type_name, text, re.M | re.S)
    assert body, "types.pyi has no class %s" % type_name
    return re.findall(r"^    (\w+): (.+)$", body.group(0), re.M)


@pytest.mark.parametrize("struct_name", STRUCT_NAMES)
def test_the_type_stubs_declare_the_tables_fields_with_their_kinds_types(struct_name):
    struct = STRUCTS[struct_name]
    expected = []
    for field in struct.fields:
        annotation = STUB_TYPES.get(field.kind) or field.enum_class.__name__
        expected.append((field.name, "Optional[%s]" % annotation))
    assert stub_attributes(struct.type_name) == expected


# ------------------------------------------------- the stub library's own C header

#: The name of each profile in the stub's header (DRMAA2_STUB_PROFILE=DRMAA2_STUB_<NAME>).
HEADER_PROFILES = {"gfd198": "GFD198", "uge83": "UGE83", "gfd230": "GFD230", "uge": "UGE"}


def header_structs(profile_name="gfd230"):
    """{struct name: [(C type, C name), ...]} of the public structs of tests/stub/drmaa2.h
    as the C preprocessor leaves them for the stub built in that profile's layout."""
    text = subprocess.check_output(
        [os.environ.get("CC", "cc"), "-E", "-P",
         "-DDRMAA2_STUB_PROFILE=DRMAA2_STUB_%s" % HEADER_PROFILES[profile_name],
         os.path.join(ROOT, "tests", "stub", "drmaa2.h")]).decode("utf-8")
    structs = {}
    for name, body in re.findall(r"typedef struct drmaa2_(\w+)_s \{(.*?)\}", text, re.S):
        structs[name] = [(" ".join(c_type.replace("*", " * ").split()), c_name)
                         for c_type, c_name in re.findall(r"([\w ]+?\s*\**)\s*(\w+);", body)]
    return structs


def test_the_stub_header_has_a_build_of_every_profile():
    assert sorted(HEADER_PROFILES) == sorted(profiles.PROFILES)


@pytest.mark.parametrize("profile_name", list(profiles.PROFILES))
@pytest.mark.parametrize("struct_name", STRUCT_NAMES)
def test_the_stub_header_declares_each_profiles_layout_of_the_table(struct_name,
                                                                    profile_name):
    expected = [(field.c_type, field.c_name)
                for field in layout(profiles.PROFILES[profile_name], struct_name)]
    assert header_structs(profile_name)[struct_name] == expected


# ----------------------------------------------------------- the profiles' layouts

@pytest.mark.parametrize("profile_name", list(profiles.PROFILES))
def test_each_profiles_ctypes_structs_are_its_layout_of_the_table(profile_name):
    profile = profiles.PROFILES[profile_name]
    structs = struct_set(profile)
    for name in STRUCT_NAMES:
        fields = layout(profile, name)
        assert getattr(structs, name)._fields_ == [(field.c_name, CTYPES[field.c_type])
                                                   for field in fields]
        table = [field.c_name for field in STRUCTS[name].fields]
        names = [field.c_name for field in fields]
        assert (names[-1] == "implementationSpecific") == (name in profile.impl_specific)
        names = [c_name for c_name in names if c_name != "implementationSpecific"]
        if name == "jinfo" and not profile.jinfo_has_job_name:
            table.remove("jobName")
        if name == "machineinfo" and profile.machine_arch_first:
            assert names[8] == "machineArch" and names[10] == "machineOS"
            assert getattr(structs, name).machineArch.offset == 64
            names[8], names[10] = names[10], names[8]
        assert names == table, name


def test_the_profiles_differ_from_the_standard_layout_as_c_api_md_says():
    differences = dict((name, (p.jinfo_has_job_name, p.machine_arch_first,
                               len(p.impl_specific)))
                       for name, p in profiles.PROFILES.items())
    assert differences == {"gfd198": (False, False, 0), "uge83": (False, True, 6),
                           "gfd230": (True, False, 9), "uge": (True, True, 9)}
    assert ctypes.sizeof(struct_set(profiles.PROFILES["uge83"]).queueinfo) == 16
    for profile in profiles.PROFILES.values():  # every difference names fields of the table
        for declared in list(profile.absent_fields) + list(profile.swapped_fields):
            table = [field.c_name for field in STRUCTS[declared[0]].fields]
            assert set(declared[1:]) <= set(table), (profile.name, declared)
        assert profile.impl_specific <= set(STRUCT_NAMES)


def test_profiles_are_built_from_keyword_arguments_defaulting_to_the_standard():
    standard = profiles.Profile(name="gfd230", description="the standard")
    assert standard._replace(description=profiles.PROFILES["gfd230"].description) == \
        profiles.PROFILES["gfd230"]
    with open(profiles.__file__.replace(".pyc", ".py")) as handle:
        tree = ast.parse(handle.read())
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and getattr(node.func, "id", None) == "Profile"]
    assert len(calls) == len(profiles.PROFILES)
    assert all(not call.args for call in calls)
    for profile in profiles.PROFILES.values():
        fields = [field.c_name for field in layout(profile, "jtemplate")]
        assert fields[22:24] == ["machineOS", "machineArch"]
