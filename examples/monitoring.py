"""Look at the DRM system: its name and version, its machines and queues, and every job
and reservation of this user (not only those of one session).
"""
from __future__ import print_function

import sys

import drmaa2


def version_text(version):
    return "%s.%s" % (version.major, version.minor) if version is not None else "unknown"


def name_of(member):
    return member.name if member is not None else "unknown"


def main():
    print("DRM system: %s %s; DRMAA2 implementation: %s %s"
          % (drmaa2.get_drms_name(), version_text(drmaa2.get_drms_version()),
             drmaa2.get_drmaa_name(), version_text(drmaa2.get_drmaa_version())))

    # A job of our own, so that there is something to find.
    jobs = drmaa2.create_job_session()
    try:
        with jobs:
            job = jobs.run_job(drmaa2.JobTemplate(remote_command="/bin/true",
                                                  job_name="monitored"))
            job.wait_terminated(drmaa2.INFINITE_TIME)

            with drmaa2.open_monitoring_session() as monitor:
                machines = monitor.get_all_machines()
                for machine in machines:
                    print("Machine %s: %s, %s socket(s) x %s core(s) x %s thread(s), load "
                          "%.2f, %s KiB memory, %s %s on %s"
                          % (machine.name, "available" if machine.available else
                             "unavailable", machine.sockets, machine.cores_per_socket,
                             machine.threads_per_core, machine.load or 0.0,
                             machine.phys_memory,
                             name_of(machine.machine_os),
                             version_text(machine.machine_os_version),
                             name_of(machine.machine_arch)))
                queues = monitor.get_all_queues()
                print("Queues: %s" % ", ".join(queue.name for queue in queues))
                all_jobs = monitor.get_all_jobs()
                print("Jobs of this user: %d" % len(all_jobs))
                done = monitor.get_all_jobs(drmaa2.JobInfo(job_state=drmaa2.JobState.DONE))
                found = [other for other in done if other.job_id == job.job_id]
                print("Finished jobs of this user: %d, among them job %s: %s"
                      % (len(done), job.job_id, "yes" if found else "no"))
                if drmaa2.supports(drmaa2.Capability.ADVANCE_RESERVATION):
                    print("Reservations of this user: %d"
                          % len(monitor.get_all_reservations()))
    finally:
        drmaa2.destroy_job_session(jobs.session_name)
    return 0 if machines and queues and found else 1


if __name__ == "__main__":
    sys.exit(main())
