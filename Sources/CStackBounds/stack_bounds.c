#define _GNU_SOURCE
#include "stack_bounds.h"
#include <pthread.h>

int weir_stack_low_bound(uintptr_t *low) {
#if defined(__linux__)
    pthread_attr_t attributes;
    void *base = 0;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return 1;
    int status = pthread_attr_getstack(&attributes, &base, &size);
    pthread_attr_destroy(&attributes);
    if (status != 0) return 1;
    *low = (uintptr_t)base;
    return 0;
#elif defined(__APPLE__)
    pthread_t self = pthread_self();
    *low = (uintptr_t)pthread_get_stackaddr_np(self) - pthread_get_stacksize_np(self);
    return 0;
#else
    (void)low;
    return 1;
#endif
}
