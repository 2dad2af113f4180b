"""Be told of job state changes: a callback registered with
``register_event_notification`` receives a ``Notification`` for each event.

The library may call the callback from a thread of its own, so it only hands the
notification over (here through a queue) and returns quickly.
"""
from __future__ import print_function

import sys

import drmaa2

if sys.version_info[0] == 2:
    import Queue as queue
else:
    import queue

TERMINATED = (drmaa2.JobState.DONE, drmaa2.JobState.FAILED)


def main():
    if not drmaa2.supports(drmaa2.Capability.CALLBACK):
        print("This DRMAA2 library does not support event notification")
        return 1
    notifications = queue.Queue()
    drmaa2.register_event_notification(notifications.put)
    session = drmaa2.create_job_session()
    states = []
    try:
        with session:
            job = session.run_job(drmaa2.JobTemplate(remote_command="/bin/sleep",
                                                     args=["0.2"]))
            print("Submitted job %s; waiting for its events" % job.job_id)
            while not states or states[-1] not in TERMINATED:
                # Events arrive shortly after the change; a minute is a generous bound.
                notification = notifications.get(timeout=60)
                if (notification.job_id != job.job_id
                        or notification.event is not drmaa2.Event.NEW_STATE):
                    continue
                states.append(notification.job_state)
                print("Event %s: job %s of session %s is now %s"
                      % (notification.event.name, notification.job_id,
                         notification.session_name, notification.job_state.name))
    finally:
        drmaa2.register_event_notification(None)
        drmaa2.destroy_job_session(session.session_name)
    return 0 if states[-1] is drmaa2.JobState.DONE else 1


if __name__ == "__main__":
    sys.exit(main())
