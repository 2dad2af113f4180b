"""The handles the DRMAA v1 backend gives the public layer: plain names, since DRMAA v1
has no C objects for sessions, jobs or arrays (they live in the store)."""


class JobSessionHandle(object):
    """An open job session: its name and contact; ``closed`` once closed."""

    __slots__ = ("name", "contact", "closed")

    def __init__(self, name, contact):
        self.name = name
        self.contact = contact
        self.closed = False

    def __repr__(self):
        return "<drmaa1 job session %r%s>" % (self.name, " closed" if self.closed else "")


class JobHandle(object):
    """A job: the name of its session and the DRM's job id."""

    __slots__ = ("session", "job_id")

    def __init__(self, session, job_id):
        self.session = session
        self.job_id = job_id

    def __eq__(self, other):
        return (isinstance(other, JobHandle) and self.session == other.session
                and self.job_id == other.job_id)

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((self.session, self.job_id))

    def __repr__(self):
        return "<drmaa1 job %r of %r>" % (self.job_id, self.session)


class ArrayHandle(object):
    """A job array: the name of its session and its id."""

    __slots__ = ("session", "array_id")

    def __init__(self, session, array_id):
        self.session = session
        self.array_id = array_id

    def __repr__(self):
        return "<drmaa1 job array %r of %r>" % (self.array_id, self.session)


__all__ = ["JobSessionHandle", "JobHandle", "ArrayHandle"]
