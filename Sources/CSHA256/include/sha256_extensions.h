#ifndef WEIR_SHA256_EXTENSIONS_H
#define WEIR_SHA256_EXTENSIONS_H
#include <stddef.h>
#include <stdint.h>

/// Whether this processor has the x86 SHA extensions (with SSSE3 and SSE4.1), which
/// `weir_sha256_compress_blocks` needs; 0 elsewhere.
int weir_sha256_extensions_available(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (SHA-256's eight working words,
/// FIPS 180-4) with the SHA extensions. Call only where `weir_sha256_extensions_available()`.
void weir_sha256_compress_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
