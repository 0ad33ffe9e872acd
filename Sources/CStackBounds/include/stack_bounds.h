#ifndef WEIR_STACK_BOUNDS_H
#define WEIR_STACK_BOUNDS_H
#include <stdint.h>

/// Stores the lowest address of the calling thread's stack in *low and returns 0, or returns
/// non-zero where the platform cannot tell.
int weir_stack_low_bound(uintptr_t *low);

#endif
