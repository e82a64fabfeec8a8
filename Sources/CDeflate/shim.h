// zlib (Debian: zlib1g-dev): deflate and crc32 for the workbooks XLSXWriter zips itself.
#include <zlib.h>
