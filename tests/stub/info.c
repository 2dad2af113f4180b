/* The stub's names: the first piece of the stub libdrmaa2. */
#include <stdlib.h>
#include <string.h>

char *drmaa2_get_drmaa_name(void)
{
    return strdup("drmaa2-stub");
}
