"""Submissions over DRMAA version 1 that survive the submitter being killed.

DRMAA v1 cannot list a DRM's jobs, so a process killed between the DRM accepting a job and
the store recording its id would leave a job that no session knows.  Therefore every
submission is first recorded as an *intent* in the store, with a tag that the DRM's profile
attaches to the job where the user does not see it (Grid Engine: a job context variable,
``qsub -ac``); the job ids replace the intent once the C call returned.

When a session is opened, each intent left behind by a process that no longer runs is
resolved: the profile looks its tag up with the DRM's own query tool (Grid Engine:
``qstat -j``) and the jobs found join the session.  Where the profile cannot look, or the
DRM has no job with the tag (never accepted, or ended and forgotten already), a
RuntimeWarning names the unconfirmed submission, once (docs/clusters.md).
"""
import errno
import os
import socket
import time
import uuid
import warnings

from drmaa2.backend.drmaa1.store import Intent
from drmaa2.backend.drmaa1.templates import with_native_options
from drmaa2.exceptions import DrmCommunicationException, Drmaa2Exception

#: Seconds an intent recorded on another machine counts as a submission still under way
#: (its process cannot be asked whether it lives).
IN_FLIGHT_ELSEWHERE = 600.0


def submit(store, profile, session, template, job_name, owner, attributes, vectors, call,
           bulk=None):
    """``(call(attributes, vectors), tag)``: the C submission ``call`` made with its intent
    recorded before (``template`` in the store's JSON, ``job_name`` and ``owner`` as the
    jobs will be stored; ``bulk`` the ``(begin, end, step)`` of a job array), tagged where
    ``profile`` can.  The intent stays when the call
    failed in a way that leaves the DRM's answer unknown (DrmCommunicationException, or
    the process interrupted); it goes when the DRM refused."""
    tag = uuid.uuid4().hex
    options = profile.tag_options(tag)
    if options:
        attributes = with_native_options(attributes, options)
    store.add_intent(Intent(tag=tag, session=session, template=template,
                            job_name=job_name, owner=owner,
                            submission_machine=socket.gethostname(), pid=os.getpid(),
                            created=time.time(), tagged=bool(options), bulk=bulk))
    try:
        result = call(attributes, vectors)
    except DrmCommunicationException:
        raise
    except Drmaa2Exception:
        store.drop_intent(tag)
        raise
    return result, tag


def _in_flight(intent):
    if intent.submission_machine != socket.gethostname():
        return time.time() - intent.created < IN_FLIGHT_ELSEWHERE
    if intent.pid == os.getpid():
        return True  # another thread of this process is submitting
    try:
        os.kill(intent.pid, 0)
    except OSError as error:
        return error.errno == errno.EPERM
    return True


def job_ids_of(number, intent, tasks):
    """The DRMAA v1 job ids of the DRM's job ``number`` found for ``intent``: the number
    itself, or ``number.task`` for each task of a job array."""
    if intent.bulk is None:
        return [number]
    begin, end, step = intent.bulk
    return ["%s.%d" % (number, task) for task in (tasks or range(begin, end + 1, step))]


def resolve(store, profile, session):
    """Resolve the intents of ``session`` that no running process will complete: add the
    jobs the DRM has under their tags, warn about the rest; returns the job ids added."""
    added = []
    for intent in store.intents(session):
        if _in_flight(intent):
            continue
        found = profile.find_tagged(intent.tag) if intent.tagged else None
        if found is not None and found[0] is not None:
            number, tasks = found
            job_ids = job_ids_of(number, intent, tasks)
            indices = None
            if intent.bulk is not None:
                indices = [int(job_id.rsplit(".", 1)[1]) for job_id in job_ids]
            store.add_jobs(session, job_ids, intent.template, intent.job_name, intent.owner,
                           intent.submission_machine,
                           None if intent.bulk is None else number, indices,
                           intent=intent.tag)
            added.extend(job_ids)
            continue
        why = ("the DRM has no job tagged with it: it was not accepted, or it ended and "
               "was forgotten already" if found is not None else
               "drmaa2 cannot ask this DRM (%s) for it" % profile.name)
        warnings.warn(
            "job session %r: the submission %s (%s of %r, at %s by process %s on %s) was "
            "interrupted before its job id was stored, and %s; the session does not list "
            "it (see docs/clusters.md)"
            % (session, intent.tag, "a job array" if intent.bulk else "a job",
               intent.template.get("remote_command"),
               time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(intent.created)),
               intent.pid, intent.submission_machine, why), RuntimeWarning, stacklevel=4)
        store.drop_intent(intent.tag)
    return added


__all__ = ["submit", "resolve", "job_ids_of", "IN_FLIGHT_ELSEWHERE"]
