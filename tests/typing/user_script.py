"""A typical user script, annotated, that mypy must accept with --strict against the
drmaa2 type stubs (tests/test_typing.py).  It also runs: against the stub library it
submits two jobs and reports them."""
import datetime
from typing import Dict, List, Optional

import drmaa2


def describe(info: drmaa2.JobInfo) -> str:
    state = info.job_state.name if info.job_state is not None else "unknown"
    took: Optional[datetime.timedelta] = info.wallclock_time
    return "job %s: %s, exit status %s, took %s" % (info.job_id, state, info.exit_status,
                                                    took)


def submit(session: drmaa2.JobSession, seconds: float) -> drmaa2.Job:
    template = drmaa2.JobTemplate(remote_command="/bin/sleep", args=[str(seconds)],
                                  job_environment={"LANG": "C"}, job_name="typed")
    template.priority = 0
    template.start_time = drmaa2.NOW
    return session.run_job(template)


def main() -> int:
    print("DRMS %s, DRMAA %s" % (drmaa2.get_drms_name(), drmaa2.drmaa_version))
    capabilities: Dict[str, bool] = dict(
        (capability.name, drmaa2.supports(capability)) for capability in drmaa2.Capability)
    print("callbacks: %s" % capabilities["CALLBACK"])
    with drmaa2.create_job_session() as session:
        jobs: List[drmaa2.Job] = [submit(session, 0.1), submit(session, 0.2)]
        first = session.wait_any_terminated(jobs, timeout=60)
        print("first to end: %s" % first.job_id)
        for job in jobs:
            try:
                job.wait_terminated(datetime.timedelta(seconds=60))
            except drmaa2.TimeoutException as error:
                print("still running: %s (%s)" % (job.job_id, error.message))
            state, substate = job.get_state()
            print(describe(job.get_info()), state is drmaa2.JobState.DONE, substate)
        name = session.session_name
    with drmaa2.open_monitoring_session() as monitoring:
        for machine in monitoring.get_all_machines():
            print(machine.name, machine.machine_os, machine.load)
    drmaa2.destroy_job_session(name)
    # As the reference's namedtuples: positional values, unpacking, indexing, _make.
    major, minor = drmaa2.Version("2", "2")
    sleeper = drmaa2.JobTemplate("/bin/sleep", ["1"], job_name="nap")
    print(major, minor, sleeper[0], len(sleeper), drmaa2.SlotInfo._make(["node", 1]).slots)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
