// libxml2 for Swift. Debian builds libxml2 with ICU, and <libxml/encoding.h> would pull in ICU's headers,
// which clash with Foundation's private ICU; undefining the flag hides only fields Swift never touches.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
