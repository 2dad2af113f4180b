"""What Job, JobArray and Reservation share: each is one object of the DRM system, known
by its id and the name of its session."""

__all__ = ["DrmObject"]


class DrmObject(object):
    """One object of the DRM system (a job, job array or reservation).

    Two of the same kind are equal, and hash alike, when they have the same id in the same
    session.  A copy is the object itself (there is one such object in the DRM system),
    and pickling is refused with advice: the object belongs to the library loaded in this
    process.  A subclass names its kind, its id attribute and how to find it again.
    """

    #: The kind, in messages and repr, e.g. "Job".
    _kind = None
    #: The name of the attribute that holds the DRM's id, e.g. "job_id".
    _id_attribute = None
    #: How to find the object again from its id and session name (in the pickling refusal).
    _find_again = None

    def _identity(self):
        return getattr(self, self._id_attribute), self.session_name

    def __eq__(self, other):
        if not isinstance(other, DrmObject) or other._kind != self._kind:
            return NotImplemented
        # The session names are asked only when the ids match.
        return (getattr(self, self._id_attribute) == getattr(other, other._id_attribute)
                and self.session_name == other.session_name)

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self):
        return hash(self._identity())

    def __repr__(self):
        return "<%s %r of session %r>" % ((self._kind,) + self._identity())

    def __reduce_ex__(self, protocol):
        # Pickling would otherwise fail deep inside ctypes with an AttributeError.
        raise TypeError("a %s cannot be pickled: it belongs to the DRMAA2 library loaded in "
                        "this process; pickle its %s and session_name, and %s"
                        % (self._kind, self._id_attribute, self._find_again))

    def __copy__(self):
        return self  # one object of the DRM system: a copy is the same reference

    def __deepcopy__(self, memo):
        return self
