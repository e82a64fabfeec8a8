// libdeflate (Debian: libdeflate-dev): whole-buffer deflate and crc32 for the workbooks
// XLSXWriter zips itself.
#include <libdeflate.h>
