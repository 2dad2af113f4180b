"""The monitoring session end to end, on the backends that offer monitoring (the stub):
its data matches this machine, this user's jobs and reservations."""
import datetime
import multiprocessing
import platform
import socket

import pytest

import backends
import drmaa2
from drmaa2 import CpuArchitecture, JobTemplate, OperatingSystem

pytestmark = [pytest.mark.usefixtures("backend"), pytest.mark.needs("monitoring")]

ARCHITECTURES = {"x86_64": CpuArchitecture.X64, "aarch64": CpuArchitecture.ARM64,
                 "ppc64le": CpuArchitecture.PPC64LE, "i686": CpuArchitecture.X86}


@pytest.fixture
def monitor(backend):
    with drmaa2.open_monitoring_session() as session:
        yield session


def meminfo_kib(name):
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    raise AssertionError("no %s in /proc/meminfo" % name)


def test_the_one_machine_is_this_machine(monitor):
    machine, = monitor.get_all_machines()
    assert isinstance(machine, drmaa2.MachineInfo)
    assert machine.name == socket.gethostname()
    assert machine.available is True
    assert machine.machine_os == OperatingSystem.LINUX
    assert machine.machine_arch == ARCHITECTURES.get(platform.machine(),
                                                     CpuArchitecture.OTHER_CPU)
    assert machine.sockets * machine.cores_per_socket * machine.threads_per_core \
        == multiprocessing.cpu_count()
    assert machine.phys_memory == meminfo_kib("MemTotal")
    assert machine.load >= 0
    release = platform.release()
    assert release.startswith("%s.%s" % (machine.machine_os_version.major,
                                         machine.machine_os_version.minor))


def test_machines_are_filtered_by_name(monitor):
    assert len(monitor.get_all_machines([socket.gethostname()])) == 1
    assert monitor.get_all_machines(["no-such-machine"]) == []


def test_the_one_queue_is_the_backends_queue(monitor, backend):
    queue = backends.feature(backend, "queue")
    assert monitor.get_all_queues() == [drmaa2.QueueInfo(name=queue)]
    assert monitor.get_all_queues([queue]) == [drmaa2.QueueInfo(name=queue)]
    assert monitor.get_all_queues(("other",)) == []


def test_all_jobs_of_this_user_across_sessions(monitor):
    jobs = []
    for _ in range(2):
        with drmaa2.create_job_session() as session:
            job = session.run_job(JobTemplate(remote_command="/bin/true"))
            job.wait_terminated(30)
            jobs.append(job)
    seen = monitor.get_all_jobs()
    assert set(jobs) <= set(seen)
    assert monitor.get_all_jobs(drmaa2.JobInfo(job_id=jobs[1].job_id)) == [jobs[1]]
    found, = monitor.get_all_jobs({"job_id": jobs[0].job_id})
    assert found.get_info().exit_status == 0


@pytest.mark.needs("reservations")
def test_all_reservations_are_seen(monitor):
    with drmaa2.create_reservation_session() as session:
        reservation = session.request_reservation(drmaa2.ReservationTemplate(
            start_time=drmaa2.NOW, duration=datetime.timedelta(minutes=1), min_slots=1))
    assert reservation in monitor.get_all_reservations()
    reservation.terminate()


@pytest.mark.parametrize("names", ["local", 5, ["local", 5]])
def test_names_must_be_a_list_of_strings(monitor, names):
    with pytest.raises(TypeError) as caught:
        monitor.get_all_queues(names)
    assert "names" in str(caught.value)
    with pytest.raises(TypeError):
        monitor.get_all_machines(names)


def test_the_filter_must_be_a_job_info(monitor):
    with pytest.raises(TypeError) as caught:
        monitor.get_all_jobs("RUNNING")
    assert "filter" in str(caught.value)
    with pytest.raises(drmaa2.InvalidArgumentException):
        monitor.get_all_jobs({"no_such_field": 1})
