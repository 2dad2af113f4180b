"""Reservations end to end, on the backends that offer them: request, look up, inspect,
use, terminate."""
import datetime
import socket

import pytest

import drmaa2
from backends import PATIENCE, job_template
from drmaa2 import NOW, ReservationTemplate

pytestmark = [pytest.mark.usefixtures("backend"), pytest.mark.needs("reservations")]


@pytest.fixture
def reservations(backend):
    """A reservation session of the backend under test."""
    with drmaa2.create_reservation_session() as reservation_session:
        yield reservation_session


def template(**fields):
    fields.setdefault("start_time", NOW)
    fields.setdefault("duration", datetime.timedelta(minutes=10))
    fields.setdefault("min_slots", 1)
    return ReservationTemplate(**fields)


def test_a_reservation_is_granted_and_described(reservations):
    reservation = reservations.request_reservation(template(reservation_name="api-r"))
    assert isinstance(reservation, drmaa2.Reservation)
    assert reservation.session_name == reservations.session_name
    info = reservation.get_info()
    assert info.reservation_id == reservation.reservation_id
    assert info.reservation_name == "api-r"
    assert info.reserved_slots >= 1
    assert [slot.machine_name for slot in info.reserved_machines] == [socket.gethostname()]
    assert sum(slot.slots for slot in info.reserved_machines) == info.reserved_slots
    assert info.reserved_end_time - info.reserved_start_time == datetime.timedelta(minutes=10)
    assert reservation.reservation_template.reservation_name == "api-r"
    reservation.terminate()


@pytest.mark.needs("monitoring")
def test_reservations_are_found_again(reservations):
    first = reservations.request_reservation(template())
    second = reservations.request_reservation(template())
    assert reservations.get_reservation(first.reservation_id) == first
    assert set(reservations.get_reservations()) == {first, second}
    with drmaa2.open_monitoring_session() as monitor:
        assert {first, second} <= set(monitor.get_all_reservations())
    first.terminate()
    second.terminate()


def test_a_request_that_does_not_fit_is_refused(reservations):
    with pytest.raises(drmaa2.Drmaa2Exception):
        reservations.request_reservation(template(min_slots=10 ** 6))


def test_a_job_runs_in_a_reservation(reservations):
    reservation = reservations.request_reservation(template())
    with drmaa2.create_job_session() as jobs:
        job = jobs.run_job(job_template("/bin/true",
                                        reservation_id=reservation.reservation_id))
        job.wait_terminated(PATIENCE)
        assert job.get_info().exit_status == 0
    reservation.terminate()


def test_a_request_takes_a_dict_and_refuses_other_things(reservations):
    reservation = reservations.request_reservation({"startTime": NOW, "duration": 60,
                                               "minSlots": 1})
    assert reservation.get_info().reserved_slots >= 1
    reservation.terminate()
    with pytest.raises(TypeError) as caught:
        reservations.request_reservation("one slot")
    assert "reservation_template" in str(caught.value)
    with pytest.raises(TypeError):
        reservations.get_reservation(7)


def test_an_unknown_reservation_id_raises_invalid_argument(reservations):
    with pytest.raises(drmaa2.InvalidArgumentException):
        reservations.get_reservation("no-such-reservation")
