/* Who the library is: DRMS and DRMAA names and versions, and the optional
 * capabilities it really implements. */
#include "stub.h"


drmaa2_string drmaa2_get_drms_name(void)
{
    if (stub_enter(__func__))
        return NULL;
#ifdef DRMAA2_STUB_DRMS_MAJOR
    if (!stub_quirk(STUB_QUIRK_NULL_DRMS_NAME))
        return stub_strdup(DRMAA2_STUB_DRMS_NAME);
#endif
    return NULL;   /* no name, and no error either */
}

drmaa2_version drmaa2_get_drms_version(void)
{
    if (stub_enter(__func__))
        return NULL;
#ifdef DRMAA2_STUB_DRMS_MAJOR
    if (!stub_quirk(STUB_QUIRK_NULL_DRMS_NAME))
        return stub_version_new(DRMAA2_STUB_DRMS_MAJOR, DRMAA2_STUB_DRMS_MINOR);
#endif
    return NULL;
}

#if DRMAA2_STUB_HAS_GET_DRMAA_NAME
drmaa2_string drmaa2_get_drmaa_name(void)
{
    if (stub_enter(__func__))
        return NULL;
    return stub_strdup(DRMAA2_STUB_DRMAA_NAME_TEXT);
}
#endif

#if DRMAA2_STUB_HAS_GET_DRMAA_VERSION
drmaa2_version drmaa2_get_drmaa_version(void)
{
    if (stub_enter(__func__))
        return NULL;
    return stub_version_new(DRMAA2_STUB_DRMAA_MAJOR, DRMAA2_STUB_DRMAA_MINOR);
}
#endif

drmaa2_bool drmaa2_supports(const drmaa2_capability c)
{
    if (stub_enter(__func__))
        return DRMAA2_FALSE;
    if (stub_quirk(STUB_QUIRK_NOOP_WAITS))
        return DRMAA2_TRUE;   /* PBS: TRUE for everything */
    switch (c) {
    case DRMAA2_ADVANCE_RESERVATION:
    case DRMAA2_RESERVE_SLOTS:
    case DRMAA2_CALLBACK:
    case DRMAA2_BULK_JOBS_MAXPARALLEL:
    case DRMAA2_RT_STARTNOW:
    case DRMAA2_RT_DURATION:
    case DRMAA2_RT_MACHINEOS:
    case DRMAA2_RT_MACHINEARCH:
        return DRMAA2_TRUE;
    case DRMAA2_JT_EMAIL:
    case DRMAA2_JT_STAGING:
    case DRMAA2_JT_DEADLINE:
    case DRMAA2_JT_MAXSLOTS:
    case DRMAA2_JT_ACCOUNTINGID:
        return DRMAA2_FALSE;
    case DRMAA2_UNSET_CAPABILITY:
        break;
    }
    stub_error(DRMAA2_INVALID_ARGUMENT,
               "drmaa2_supports: %d is not a drmaa2_capability (expected 0..12)", (int) c);
    return DRMAA2_FALSE;
}
