"""Book slots in advance with a reservation, run a job inside it, and give it back.

Needs a library that supports advance reservation (``Capability.ADVANCE_RESERVATION``);
the stub library does.
"""
from __future__ import print_function

import datetime
import sys

import drmaa2


def main():
    if not drmaa2.supports(drmaa2.Capability.ADVANCE_RESERVATION):
        print("This DRMAA2 library does not support advance reservation")
        return 1
    reservations = drmaa2.create_reservation_session()
    jobs = drmaa2.create_job_session()
    try:
        with reservations, jobs:
            # One slot from now on for ten minutes.
            template = drmaa2.ReservationTemplate(
                reservation_name="example",
                start_time=drmaa2.NOW,
                duration=datetime.timedelta(minutes=10),
                min_slots=1,
                max_slots=1,
            )
            reservation = reservations.request_reservation(template)
            info = reservation.get_info()
            print("Reservation %s (%s): %s slot(s) from %s to %s on %s"
                  % (info.reservation_id, info.reservation_name, info.reserved_slots,
                     info.reserved_start_time, info.reserved_end_time,
                     ", ".join("%s (%s)" % (machine.machine_name, machine.slots)
                               for machine in info.reserved_machines or [])))
            listed = [r.reservation_id for r in reservations.get_reservations()]
            print("Reservations of session %s: %s"
                  % (reservations.session_name, ", ".join(listed)))

            job = jobs.run_job(drmaa2.JobTemplate(remote_command="/bin/true",
                                                  reservation_id=info.reservation_id))
            job.wait_terminated(drmaa2.INFINITE_TIME)
            state = job.get_state()[0]
            print("Job %s ran in reservation %s: %s"
                  % (job.job_id, info.reservation_id, state.name))

            # Terminating gives the slots back early: the reservation now ends earlier.
            reservation.terminate()
            ended = reservation.get_info().reserved_end_time
            print("Reservation %s terminated: it now ends at %s"
                  % (info.reservation_id, ended))
    finally:
        drmaa2.destroy_job_session(jobs.session_name)
        drmaa2.destroy_reservation_session(reservations.session_name)
    ok = (listed == [info.reservation_id] and state is drmaa2.JobState.DONE
          and ended < info.reserved_end_time)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
