"""The names and numbers of the DRMAA version 1 C binding (GFD.133 / GFD.143 ``drmaa.h``):
job template attribute names, placeholders, submission states, job states, control
actions, timeouts and buffer sizes."""

# Job template attributes with one string value.
REMOTE_COMMAND = "drmaa_remote_command"
JS_STATE = "drmaa_js_state"
WD = "drmaa_wd"
JOB_CATEGORY = "drmaa_job_category"
NATIVE_SPECIFICATION = "drmaa_native_specification"
BLOCK_EMAIL = "drmaa_block_email"
START_TIME = "drmaa_start_time"
JOB_NAME = "drmaa_job_name"
INPUT_PATH = "drmaa_input_path"
OUTPUT_PATH = "drmaa_output_path"
ERROR_PATH = "drmaa_error_path"
JOIN_FILES = "drmaa_join_files"
TRANSFER_FILES = "drmaa_transfer_files"
DEADLINE_TIME = "drmaa_deadline_time"
WCT_HLIMIT = "drmaa_wct_hlimit"
WCT_SLIMIT = "drmaa_wct_slimit"
DURATION_HLIMIT = "drmaa_duration_hlimit"
DURATION_SLIMIT = "drmaa_duration_slimit"

# Job template attributes with a list of strings.
V_ARGV = "drmaa_v_argv"
V_ENV = "drmaa_v_env"
V_EMAIL = "drmaa_v_email"

VECTOR_ATTRIBUTES = (V_ARGV, V_ENV, V_EMAIL)

# Values of JS_STATE.
SUBMISSION_STATE_ACTIVE = "drmaa_active"
SUBMISSION_STATE_HOLD = "drmaa_hold"

# Placeholders the DRM replaces in paths and the working directory.
PLACEHOLDER_INCR = "$drmaa_incr_ph$"
PLACEHOLDER_HD = "$drmaa_hd_ph$"
PLACEHOLDER_WD = "$drmaa_wd_ph$"

# Job ids meaning "every job of this DRMAA session".
JOB_IDS_SESSION_ANY = "DRMAA_JOB_IDS_SESSION_ANY"
JOB_IDS_SESSION_ALL = "DRMAA_JOB_IDS_SESSION_ALL"

# Timeouts of drmaa_wait and drmaa_synchronize.
TIMEOUT_WAIT_FOREVER = -1
TIMEOUT_NO_WAIT = 0

# Recommended buffer sizes.
ATTR_BUFFER = 1024
CONTACT_BUFFER = 1024
DRM_SYSTEM_BUFFER = 1024
ERROR_STRING_BUFFER = 1024
JOBNAME_BUFFER = 1024
SIGNAL_BUFFER = 32

# Job states of drmaa_job_ps.
PS_UNDETERMINED = 0x00
PS_QUEUED_ACTIVE = 0x10
PS_SYSTEM_ON_HOLD = 0x11
PS_USER_ON_HOLD = 0x12
PS_USER_SYSTEM_ON_HOLD = 0x13
PS_RUNNING = 0x20
PS_SYSTEM_SUSPENDED = 0x21
PS_USER_SUSPENDED = 0x22
PS_USER_SYSTEM_SUSPENDED = 0x23
PS_DONE = 0x30
PS_FAILED = 0x40

#: The C name of each job state, e.g. ``STATE_NAMES[0x12] == 'DRMAA_PS_USER_ON_HOLD'``.
STATE_NAMES = {
    PS_UNDETERMINED: "DRMAA_PS_UNDETERMINED",
    PS_QUEUED_ACTIVE: "DRMAA_PS_QUEUED_ACTIVE",
    PS_SYSTEM_ON_HOLD: "DRMAA_PS_SYSTEM_ON_HOLD",
    PS_USER_ON_HOLD: "DRMAA_PS_USER_ON_HOLD",
    PS_USER_SYSTEM_ON_HOLD: "DRMAA_PS_USER_SYSTEM_ON_HOLD",
    PS_RUNNING: "DRMAA_PS_RUNNING",
    PS_SYSTEM_SUSPENDED: "DRMAA_PS_SYSTEM_SUSPENDED",
    PS_USER_SUSPENDED: "DRMAA_PS_USER_SUSPENDED",
    PS_USER_SYSTEM_SUSPENDED: "DRMAA_PS_USER_SYSTEM_SUSPENDED",
    PS_DONE: "DRMAA_PS_DONE",
    PS_FAILED: "DRMAA_PS_FAILED",
}

# Actions of drmaa_control.
CONTROL_ACTIONS = {
    "suspend": 0,
    "resume": 1,
    "hold": 2,
    "release": 3,
    "terminate": 4,
}
