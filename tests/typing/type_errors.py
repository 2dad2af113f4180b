"""Mistakes the drmaa2 type stubs let mypy find (tests/test_typing.py expects an error on
each line marked ``# error``)."""
import drmaa2

session = drmaa2.create_job_session(42)  # error
template = drmaa2.JobTemplate(remote_command=["/bin/sleep"])  # error
template.args = "5"  # error
job = session.run_job("/bin/sleep 5")  # error
job.wait_terminated("forever")  # error
code: int = job.get_info().exit_status  # error
job.get_state().name  # error
drmaa2.supports("CALLBACK")  # error
drmaa2.JobInfo(job_state="RUNNING")  # error
job.kill()  # error
