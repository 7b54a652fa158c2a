// Binaryen's C API as Debian installs it (/usr/include/binaryen-c.h, libbinaryen.so).
// Debian's binaryen ships no pkg-config file, so the module map links it by name.
#include <binaryen-c.h>
