"""The job store of the DRMAA v1 backend: job sessions, their jobs and job arrays, in a
SQLite database of the user, so that a session reopened by any process lists its jobs.

DRMAA v1 knows no named, persistent sessions; this store is what makes them.  It also keeps
what DRMAA v1 tells only once: the end of a job (``drmaa_wait`` forgets the job after it
answered), written here by the process that saw it; and each submission's intent,
written before the C call, so that a submitter killed before it stored the job ids does
not lose the jobs the DRM accepted.

Place: ``$DRMAA2_DRMAA1_STATE_DIR`` if set, else ``$XDG_STATE_HOME/drmaa2/drmaa1``, else
``~/.local/state/drmaa2/drmaa1``; the folder is created with mode 0700 (it names the user's
jobs and commands).  The folder is read on every use, so a test may point it elsewhere.
The store keeps one connection per process (SQLite in WAL mode, waiting up to 30 s for a
writer), used by one thread at a time, and opens another only when the folder changed or
in a forked child: a process that waits asks the store many times a second.
"""
import collections
import contextlib
import json
import os
import sqlite3
import threading
import time

from drmaa2.exceptions import InternalException, InvalidArgumentException

STATE_DIR_VARIABLE = "DRMAA2_DRMAA1_STATE_DIR"
DATABASE_FILE = "jobs.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    name TEXT PRIMARY KEY,
    contact TEXT,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS arrays (
    session TEXT NOT NULL,
    array_id TEXT NOT NULL,
    template TEXT NOT NULL,
    PRIMARY KEY (session, array_id)
);
CREATE TABLE IF NOT EXISTS jobs (
    session TEXT NOT NULL,
    job_id TEXT NOT NULL,
    array_id TEXT,
    array_index INTEGER,
    template TEXT NOT NULL,
    job_name TEXT,
    owner TEXT,
    submission_machine TEXT,
    submission_time REAL NOT NULL,
    ended INTEGER NOT NULL DEFAULT 0,
    observed INTEGER NOT NULL DEFAULT 0,
    state INTEGER,
    sub_state TEXT,
    exit_status INTEGER,
    terminating_signal TEXT,
    annotation TEXT,
    cpu_time REAL,
    wallclock_time REAL,
    dispatch_time REAL,
    finish_time REAL,
    PRIMARY KEY (session, job_id)
);
CREATE TABLE IF NOT EXISTS intents (
    tag TEXT PRIMARY KEY,
    session TEXT NOT NULL,
    template TEXT NOT NULL,
    job_name TEXT,
    owner TEXT,
    submission_machine TEXT,
    pid INTEGER,
    created REAL NOT NULL,
    tagged INTEGER NOT NULL,
    bulk TEXT
);
"""

#: One stored job.  ``ended``: its end is known (``state`` is then final);
#: ``observed``: that end was seen by drmaa_wait (exit status and usage are real).
JobRecord = collections.namedtuple(
    "JobRecord", "session job_id array_id array_index template job_name owner "
                 "submission_machine submission_time ended observed state sub_state "
                 "exit_status terminating_signal annotation cpu_time wallclock_time "
                 "dispatch_time finish_time")

#: The end of a job as the backend learnt it (the columns written by ``finish``).
JobEnd = collections.namedtuple(
    "JobEnd", "observed state sub_state exit_status terminating_signal annotation "
              "cpu_time wallclock_time dispatch_time finish_time")

_JOB_COLUMNS = ", ".join(JobRecord._fields)

#: A submission recorded before the C call, whose job ids were not stored yet: ``tag``
#: (also given to the DRM where the profile can tag), the submitting process (``pid`` on
#: ``submission_machine``), ``tagged`` (whether the DRM got the tag) and ``bulk``
#: ``(begin, end, step)`` of a job array, else None.
Intent = collections.namedtuple(
    "Intent", "tag session template job_name owner submission_machine pid created tagged "
              "bulk")

_INTENT_COLUMNS = ", ".join(Intent._fields)


def state_dir(environ=None):
    """The folder of the store (see the module documentation)."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(STATE_DIR_VARIABLE)
    if explicit:
        return explicit
    base = environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state")
    return os.path.join(base, "drmaa2", "drmaa1")


def _ensure_private_dir(path):
    if not os.path.isdir(path):
        try:
            os.makedirs(path, 0o700)
        except OSError:
            if not os.path.isdir(path):
                raise
    os.chmod(path, 0o700)


class Store(object):
    """The SQLite store of job sessions and jobs (see the module documentation)."""

    def __init__(self, environ=None):
        self._environ = environ
        self._ready = set()
        self._lock = threading.RLock()
        self._open = None    # (path, pid, connection) of the connection kept

    def _connect(self, path):
        """The connection kept for ``path`` in this process (opened if need be)."""
        kept = self._open
        if kept is not None and kept[0] == path and kept[1] == os.getpid():
            return kept[2]
        self._open = None
        if kept is not None and kept[1] == os.getpid():
            kept[2].close()
        if path not in self._ready:
            _ensure_private_dir(os.path.dirname(path))
        connection = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self._open = (path, os.getpid(), connection)
        return connection

    def close(self):
        """Close the connection kept (the next question opens one again)."""
        with self._lock:
            kept, self._open = self._open, None
            if kept is not None and kept[1] == os.getpid():
                kept[2].close()

    @property
    def path(self):
        """The database file in use now."""
        return os.path.join(state_dir(self._environ), DATABASE_FILE)

    @contextlib.contextmanager
    def _connection(self):
        """A connection in a transaction; SQLite and file errors become InternalException
        naming the store."""
        path = self.path
        with self._lock:
            try:
                connection = self._connect(path)
            except (sqlite3.Error, OSError) as error:
                raise InternalException("the job store %s of the DRMAA v1 backend cannot be "
                                        "opened: %s" % (path, error))
            try:
                if path not in self._ready:
                    connection.execute("PRAGMA journal_mode=WAL")
                    connection.executescript(_SCHEMA)
                    self._ready.add(path)
                with connection:
                    yield connection
            except sqlite3.IntegrityError:
                raise
            except sqlite3.Error as error:
                self.close()   # a broken connection is not kept
                raise InternalException("the job store %s of the DRMAA v1 backend failed: %s"
                                        % (path, error))

    # ---------------------------------------------------------------- sessions

    def create_session(self, name, contact):
        """Record a new job session; a name in use raises InvalidArgumentException."""
        with self._connection() as db:
            try:
                db.execute("INSERT INTO sessions (name, contact, created) VALUES (?, ?, ?)",
                           (name, contact, time.time()))
            except sqlite3.IntegrityError:
                raise InvalidArgumentException(
                    "a job session named %r already exists (open it, or destroy it first)"
                    % (name,))

    def session_contact(self, name):
        """``(True, contact)`` of the session ``name``, or ``(False, None)`` when there is
        no such session."""
        with self._connection() as db:
            row = db.execute("SELECT contact FROM sessions WHERE name = ?", (name,)).fetchone()
        return (False, None) if row is None else (True, row[0])

    def session_names(self):
        """The names of every job session, oldest first."""
        with self._connection() as db:
            return [row[0] for row in
                    db.execute("SELECT name FROM sessions ORDER BY created, name")]

    def destroy_session(self, name):
        """Forget the session ``name`` with its jobs and arrays; False if there was none."""
        with self._connection() as db:
            found = db.execute("DELETE FROM sessions WHERE name = ?", (name,)).rowcount
            db.execute("DELETE FROM jobs WHERE session = ?", (name,))
            db.execute("DELETE FROM arrays WHERE session = ?", (name,))
            db.execute("DELETE FROM intents WHERE session = ?", (name,))
        return found > 0

    # ---------------------------------------------------------------- jobs

    def add_intent(self, intent):
        """Record a submission about to be made (an Intent), before the C call."""
        with self._connection() as db:
            db.execute("INSERT INTO intents (%s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                       % _INTENT_COLUMNS,
                       intent._replace(template=json.dumps(intent.template, sort_keys=True),
                                       tagged=1 if intent.tagged else 0,
                                       bulk=None if intent.bulk is None
                                       else json.dumps(list(intent.bulk))))

    def intents(self, session):
        """The Intents of a session whose job ids were never stored, oldest first."""
        with self._connection() as db:
            rows = db.execute("SELECT %s FROM intents WHERE session = ? ORDER BY created"
                              % _INTENT_COLUMNS, (session,)).fetchall()
        return [_intent(row) for row in rows]

    def drop_intent(self, tag):
        """Forget a submission's intent (the DRM refused it, or it was reported)."""
        with self._connection() as db:
            db.execute("DELETE FROM intents WHERE tag = ?", (tag,))

    def add_jobs(self, session, job_ids, template, job_name, owner, machine,
                 array_id=None, indices=None, intent=None):
        """Record jobs just submitted (with the array they belong to, if any); the
        submission's intent ``intent`` (its tag), if given, goes in the same
        transaction."""
        encoded = json.dumps(template, sort_keys=True)
        now = time.time()
        indices = indices or [None] * len(job_ids)
        with self._connection() as db:
            if intent is not None:
                db.execute("DELETE FROM intents WHERE tag = ?", (intent,))
            if array_id is not None:
                db.execute("INSERT OR REPLACE INTO arrays (session, array_id, template) "
                           "VALUES (?, ?, ?)", (session, array_id, encoded))
            db.executemany(
                "INSERT OR REPLACE INTO jobs (session, job_id, array_id, array_index, "
                "template, job_name, owner, submission_machine, submission_time) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(session, job_id, array_id, index, encoded, job_name, owner, machine, now)
                 for job_id, index in zip(job_ids, indices)])

    def job(self, session, job_id):
        """The JobRecord of a job, or None when the store does not know it."""
        with self._connection() as db:
            row = db.execute("SELECT %s FROM jobs WHERE session = ? AND job_id = ?"
                             % _JOB_COLUMNS, (session, job_id)).fetchone()
        return None if row is None else _record(row)

    def jobs(self, session):
        """The JobRecords of a session, in submission order."""
        with self._connection() as db:
            rows = db.execute("SELECT %s FROM jobs WHERE session = ? "
                              "ORDER BY submission_time, array_index, rowid"
                              % _JOB_COLUMNS, (session,)).fetchall()
        return [_record(row) for row in rows]

    def array(self, session, array_id):
        """``(template, [JobRecord in index order])`` of a job array, or None."""
        with self._connection() as db:
            row = db.execute("SELECT template FROM arrays WHERE session = ? AND array_id = ?",
                             (session, array_id)).fetchone()
            if row is None:
                return None
            jobs = db.execute("SELECT %s FROM jobs WHERE session = ? AND array_id = ? "
                              "ORDER BY array_index" % _JOB_COLUMNS,
                              (session, array_id)).fetchall()
        return json.loads(row[0]), [_record(job) for job in jobs]

    def finish(self, session, job_id, end):
        """Record the end of a job (a JobEnd).  An observed end replaces an unobserved one,
        never the other way round; returns the JobRecord as stored afterwards."""
        with self._connection() as db:
            db.execute(
                "UPDATE jobs SET ended = 1, observed = ?, state = ?, sub_state = ?, "
                "exit_status = ?, terminating_signal = ?, annotation = ?, cpu_time = ?, "
                "wallclock_time = ?, dispatch_time = ?, finish_time = ? "
                "WHERE session = ? AND job_id = ? AND (ended = 0 OR (observed = 0 AND ?))",
                (1 if end.observed else 0, end.state, end.sub_state, end.exit_status,
                 end.terminating_signal, end.annotation, end.cpu_time, end.wallclock_time,
                 end.dispatch_time, end.finish_time, session, job_id,
                 1 if end.observed else 0))
        return self.job(session, job_id)

    def annotate(self, session, job_id, annotation):
        """Replace the annotation of an ended job (the DRM's reason for a failure);
        returns the JobRecord as stored afterwards."""
        with self._connection() as db:
            db.execute("UPDATE jobs SET annotation = ? WHERE session = ? AND job_id = ? AND "
                       "ended = 1", (annotation, session, job_id))
        return self.job(session, job_id)

    def correct(self, session, job_id, state, sub_state, exit_status, annotation):
        """Replace the state, exit status and annotation of an observed end with what the
        DRM's accounting says; returns the JobRecord as stored afterwards."""
        with self._connection() as db:
            db.execute("UPDATE jobs SET state = ?, sub_state = ?, exit_status = ?, "
                       "annotation = ? WHERE session = ? AND job_id = ? AND observed = 1",
                       (state, sub_state, exit_status, annotation, session, job_id))
        return self.job(session, job_id)

    def forget_job(self, session, job_id):
        """Remove a job (reap); an array left without jobs goes too."""
        with self._connection() as db:
            db.execute("DELETE FROM jobs WHERE session = ? AND job_id = ?", (session, job_id))
            db.execute("DELETE FROM arrays WHERE session = ? AND NOT EXISTS (SELECT 1 FROM "
                       "jobs WHERE jobs.session = arrays.session AND "
                       "jobs.array_id = arrays.array_id)", (session,))


def _intent(row):
    intent = Intent(*row)
    bulk = None if intent.bulk is None else tuple(json.loads(intent.bulk))
    return intent._replace(template=json.loads(intent.template), tagged=bool(intent.tagged),
                           bulk=bulk)


def _record(row):
    record = JobRecord(*row)
    return record._replace(template=json.loads(record.template),
                           ended=bool(record.ended), observed=bool(record.observed))


__all__ = ["Store", "JobRecord", "JobEnd", "Intent", "state_dir", "STATE_DIR_VARIABLE"]
