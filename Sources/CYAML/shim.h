// libyaml (Debian: libyaml-dev): the YAML 1.1 parser whose events YAMLTree composes into nodes.
#include <yaml.h>
