#!/usr/bin/env python3
"""Validate SARIF 2.1.0 logs against the official JSON schema (stdlib only).

Usage:
    validate_sarif.py --schema sarif-schema-2.1.0.json FILE.sarif... [--github]

Each violation is printed on stderr as one line

    FILE: <JSON pointer>: <problem>

(the document root is shown as "(root)"), and the exit status is 1.  A file
without violations prints "FILE: valid SARIF 2.1.0" on stdout; if every file
is valid the exit status is 0.  A schema or command-line problem exits with 2.

What the schema validator checks
--------------------------------
It is a small JSON Schema validator that covers exactly the keywords the OASIS
SARIF 2.1.0 schema uses, plus a few closely related ones:

  $ref (local "#/..." JSON pointers only, with ~0/~1 and %-unescaping; as in
  draft-04/07 the siblings of $ref are ignored, so a $ref with constraining
  siblings is refused at load time), type (a name or a list of names;
  "integer" accepts 3 and 3.0 but never a boolean, "number" never a boolean),
  enum, const, properties, required, additionalProperties (boolean or schema),
  patternProperties, items (schema form), minItems, maxItems, uniqueItems,
  minimum, maximum, exclusiveMinimum/exclusiveMaximum (draft-04 boolean form
  and draft-06+ number form), minLength, maxLength, pattern (re.search),
  format, oneOf, anyOf, allOf, not, dependencies, definitions.

  Equality for enum, const and uniqueItems is JSON equality: 1 == 1.0, but
  true != 1 and false != 0.

  "format" is checked loosely: "uri-reference" must be a string without
  whitespace or control characters whose every '%' starts a two-digit hex
  escape (RFC 3986 percent-encoding), "uri" must also start with a scheme
  ("https:", "file:", ...), and "date-time" must look like an RFC 3339
  timestamp (the date and time fields are not range-checked).

What it deliberately does not do
--------------------------------
  * Annotation keywords are ignored: description, title, default, examples,
    $comment, readOnly, writeOnly, deprecated, $schema, id/$id at the root.
  * Remote references, an id/$id below the root (a change of base URI), the
    tuple form of "items", and any keyword not listed above are refused when
    the schema is loaded, so that a constraint can never pass unchecked.  The
    same goes for a "format" other than the three above.
  * Regular expressions are Python's, not ECMA 262; the SARIF patterns are
    written in the common subset.
  * "minLength"/"maxLength" count code points (as the JSON Schema spec says).

What --github adds
------------------
The requirements GitHub code scanning has beyond the schema:
  * every rule in runs[].tool.driver.rules (and in runs[].tool.extensions[]
    .rules) has a non-empty id, shortDescription.text, fullDescription.text
    and help.text;
  * every result has a non-empty ruleId and message.text, a
    locations[0].physicalLocation whose artifactLocation.uri is relative (no
    scheme such as "file:", no leading "/", no leading "../") and whose
    region has an integer startLine;
  * every result has a non-empty partialFingerprints object.
It does not (and cannot, from one file) check that fingerprints and rule ids
stay stable across runs and versions.

As a module:
    validate(instance, schema) -> list[str]   # "pointer: problem" strings
    github_problems(sarif_log) -> list[str]  # the same, for --github
"""

import argparse
import json
import math
import re
import sys
import urllib.parse

# Keywords whose values are subschemas, by shape.
SCHEMA_MAP_KEYWORDS = ("properties", "patternProperties", "definitions")
SCHEMA_KEYWORDS = ("additionalProperties", "items", "not")
SCHEMA_LIST_KEYWORDS = ("allOf", "anyOf", "oneOf")

# Keywords that constrain the data and are implemented below.
IMPLEMENTED = {
    "$ref", "type", "enum", "const", "properties", "required",
    "additionalProperties", "patternProperties", "items", "minItems",
    "maxItems", "uniqueItems", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "minLength", "maxLength", "pattern", "format",
    "oneOf", "anyOf", "allOf", "not", "dependencies",
    "definitions",  # a container for $ref targets, no constraint by itself
}

# Annotations: they never constrain the data, so they are ignored.
IGNORED = {
    "description", "title", "default", "examples", "$comment", "readOnly",
    "writeOnly", "deprecated",
    "$schema", "id", "$id",  # only at the root, see keyword_problems
}

JSON_TYPES = ("null", "boolean", "integer", "number", "string", "array",
              "object")

SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
BAD_URI_CHAR_RE = re.compile(r"[\x00-\x20\x7f-\x9f]")
BAD_PERCENT_RE = re.compile(r"%(?![0-9A-Fa-f]{2})")
DATE_TIME_RE = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}"
    r"(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$")


class SchemaError(Exception):
    """The schema uses something this validator does not implement."""


# ---------------------------------------------------------------------------
# JSON pointers and JSON values


def pointer(path):
    """Render a tuple of keys/indexes as a JSON pointer ("(root)" if empty)."""
    if not path:
        return "(root)"
    return "".join(
        "/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def json_type(value):
    """The JSON Schema type name of a parsed JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    raise TypeError("not a JSON value: %r" % (value,))


def is_type(value, name):
    """Whether value is an instance of the JSON Schema type `name`."""
    actual = json_type(value)
    if name == "integer":
        return actual == "integer" or (
            actual == "number" and math.isfinite(value) and value.is_integer())
    if name == "number":
        return actual in ("integer", "number")
    return actual == name


def json_equal(a, b):
    """JSON equality: like ==, except that booleans are not numbers."""
    return canonical(a) == canonical(b)


def canonical(value):
    """A hashable form of value; equal exactly when JSON-equal.

    Numbers keep Python equality (1 == 1.0, with equal hashes); the tags keep
    booleans, numbers and strings apart (true != 1).
    """
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, (int, float)):
        return ("n", value)
    if isinstance(value, list):
        return ("a", tuple(canonical(x) for x in value))
    if isinstance(value, dict):
        return ("o", frozenset((k, canonical(x)) for k, x in value.items()))
    return ("s" if isinstance(value, str) else "z", value)


def short(value, limit=60):
    """A compact JSON rendering of value for messages."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 3] + "..."


# ---------------------------------------------------------------------------
# Loading the schema


def resolve_local_ref(root, ref):
    """Follow a local reference "#/a/b" from the root schema."""
    if not ref.startswith("#"):
        raise SchemaError("only local $ref is supported, got %r" % ref)
    fragment = urllib.parse.unquote(ref[1:])
    if fragment and not fragment.startswith("/"):
        raise SchemaError("$ref %r is not a JSON pointer" % ref)
    node = root
    for token in fragment.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() \
                and int(token) < len(node):
            node = node[int(token)]
        else:
            raise SchemaError("$ref %r does not resolve" % ref)
    if not isinstance(node, (dict, bool)):
        raise SchemaError("$ref %r does not point at a schema" % ref)
    return node


def subschemas(schema, where):
    """Yield (location, subschema) for the subschemas nested in `schema`."""
    for key in SCHEMA_MAP_KEYWORDS:
        for name, sub in schema.get(key, {}).items():
            yield "%s/%s/%s" % (where, key, name), sub
    for key in SCHEMA_KEYWORDS:
        if key in schema and isinstance(schema[key], dict):
            yield "%s/%s" % (where, key), schema[key]
    for key in SCHEMA_LIST_KEYWORDS:
        for i, sub in enumerate(schema.get(key, [])):
            yield "%s/%s/%d" % (where, key, i), sub
    for name, dep in schema.get("dependencies", {}).items():
        if isinstance(dep, dict):
            yield "%s/dependencies/%s" % (where, name), dep


def keyword_problems(schema, where, is_root):
    """Yield the keywords and keyword forms that would not be enforced."""
    unknown = sorted(set(schema) - IMPLEMENTED - IGNORED)
    if unknown:
        yield "%s: unsupported keyword(s): %s" % (where, ", ".join(unknown))
    if not is_root and ("id" in schema or "$id" in schema):
        yield "%s: id/$id below the root is not supported" % where
    if "$ref" in schema:
        siblings = sorted(set(schema) - IGNORED - {"$ref", "definitions"})
        if siblings:
            yield "%s: keyword(s) beside $ref would be ignored: %s" % (
                where, ", ".join(siblings))
    if "items" in schema and not isinstance(schema["items"], (dict, bool)):
        yield "%s: only the schema form of items is supported" % where
    fmt = schema.get("format")
    if fmt is not None and fmt not in FORMAT_CHECKS:
        yield "%s: unsupported format %r" % (where, fmt)
    types = schema.get("type", [])
    for name in [types] if isinstance(types, str) else types:
        if name not in JSON_TYPES:
            yield "%s: unknown type %r" % (where, name)


class Validator:
    """A loaded schema: checked once, then used to validate instances."""

    def __init__(self, schema):
        """Load schema; raise SchemaError listing everything unsupported."""
        if not isinstance(schema, dict):
            raise SchemaError("the schema must be a JSON object")
        self.root = schema
        self.patterns = {}  # regex source -> compiled pattern
        self.refs = {}  # $ref string -> target schema
        problems = []
        self._load(schema, "#", problems, is_root=True)
        if problems:
            raise SchemaError("\n".join(problems))

    def _load(self, schema, where, problems, is_root=False):
        """Check one subschema and those nested in it; compile patterns."""
        if isinstance(schema, bool):
            return
        if not isinstance(schema, dict):
            problems.append("%s: a schema must be an object or a boolean"
                            % where)
            return
        problems.extend(keyword_problems(schema, where, is_root))
        if "$ref" in schema:
            try:
                self.refs[schema["$ref"]] = resolve_local_ref(
                    self.root, schema["$ref"])
            except SchemaError as err:
                problems.append("%s: %s" % (where, err))
        for regex in [schema.get("pattern")] + list(
                schema.get("patternProperties", {})):
            if regex is not None and regex not in self.patterns:
                try:
                    self.patterns[regex] = re.compile(regex)
                except re.error as err:
                    problems.append("%s: bad pattern %r: %s"
                                    % (where, regex, err))
        for sub_where, sub in subschemas(schema, where):
            self._load(sub, sub_where, problems)

    # -- validation --------------------------------------------------------

    def validate(self, instance):
        """Return the violations as "pointer: problem" strings."""
        errors = []
        self._validate(instance, self.root, (), errors, set())
        return ["%s: %s" % (pointer(path), msg) for path, msg in errors]

    def _validate(self, value, schema, path, errors, active):
        """Append (path, message) pairs for value against schema.

        `active` holds the (schema, path) pairs on the current call stack:
        meeting one again means the schema recurses without consuming any
        of the instance (e.g. a $ref cycle), which would never terminate.
        """
        if schema is True:
            return
        if schema is False:
            errors.append((path, "no value is allowed here"))
            return
        key = (id(schema), path)
        if key in active:
            errors.append((path, "schema recursion without progress"))
            return
        active.add(key)
        try:
            if "$ref" in schema:
                target = self.refs[schema["$ref"]]
                self._validate(value, target, path, errors, active)
                return
            for check in CHECKS:
                check(self, value, schema, path, errors, active)
        finally:
            active.discard(key)

    def _matches(self, value, schema, path, active):
        """The errors of value against schema, without recording them."""
        errors = []
        self._validate(value, schema, path, errors, active)
        return errors


# ---------------------------------------------------------------------------
# Keyword checks.  Each takes (validator, value, schema, path, errors, active).


def check_type(v, value, schema, path, errors, active):
    types = schema.get("type")
    if types is None:
        return
    names = [types] if isinstance(types, str) else types
    if not any(is_type(value, name) for name in names):
        errors.append((path, "wrong type: expected %s, got %s"
                       % (" or ".join(names), json_type(value))))


def check_enum_const(v, value, schema, path, errors, active):
    if "enum" in schema and not any(
            json_equal(value, option) for option in schema["enum"]):
        errors.append((path, "value %s is not in enum %s"
                       % (short(value), short(schema["enum"], 200))))
    if "const" in schema and not json_equal(value, schema["const"]):
        errors.append((path, "value %s is not the const %s"
                       % (short(value), short(schema["const"]))))


def check_object(v, value, schema, path, errors, active):
    if not isinstance(value, dict):
        return
    for name in schema.get("required", []):
        if name not in value:
            errors.append((path, "missing required property '%s'" % name))
    properties = schema.get("properties", {})
    pattern_properties = schema.get("patternProperties", {})
    additional = schema.get("additionalProperties", True)
    for name, item in value.items():
        item_path = path + (name,)
        matched = name in properties
        if matched:
            v._validate(item, properties[name], item_path, errors, active)
        for regex, sub in pattern_properties.items():
            if v.patterns[regex].search(name):
                matched = True
                v._validate(item, sub, item_path, errors, active)
        if matched:
            continue
        if additional is False:
            errors.append((item_path, "additional property '%s' is not "
                           "allowed (additionalProperties)" % name))
        else:
            v._validate(item, additional, item_path, errors, active)
    for name, dep in schema.get("dependencies", {}).items():
        if name not in value:
            continue
        if isinstance(dep, list):
            for needed in dep:
                if needed not in value:
                    errors.append((path, "property '%s' requires property "
                                   "'%s' (dependencies)" % (name, needed)))
        else:
            v._validate(value, dep, path, errors, active)


def check_array(v, value, schema, path, errors, active):
    if not isinstance(value, list):
        return
    if "minItems" in schema and len(value) < schema["minItems"]:
        errors.append((path, "too few items: %d < minItems %d"
                       % (len(value), schema["minItems"])))
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        errors.append((path, "too many items: %d > maxItems %d"
                       % (len(value), schema["maxItems"])))
    if schema.get("uniqueItems"):
        check_unique(value, path, errors)
    if "items" in schema:
        for i, item in enumerate(value):
            v._validate(item, schema["items"], path + (i,), errors, active)


def check_unique(items, path, errors):
    """uniqueItems: report each item that repeats an earlier one."""
    first = {}
    for i, item in enumerate(items):
        j = first.setdefault(canonical(item), i)
        if j != i:
            errors.append((path + (i,), "duplicate of item %d (uniqueItems)"
                           % j))


def check_number(v, value, schema, path, errors, active):
    if not is_type(value, "number"):
        return
    exclusive_min = schema.get("exclusiveMinimum")
    exclusive_max = schema.get("exclusiveMaximum")
    if "minimum" in schema:
        if exclusive_min is True:  # draft-04 form
            if value <= schema["minimum"]:
                errors.append((path, "%s is not greater than the exclusive "
                               "minimum %s" % (value, schema["minimum"])))
        elif value < schema["minimum"]:
            errors.append((path, "%s is less than the minimum %s"
                           % (value, schema["minimum"])))
    if "maximum" in schema:
        if exclusive_max is True:
            if value >= schema["maximum"]:
                errors.append((path, "%s is not less than the exclusive "
                               "maximum %s" % (value, schema["maximum"])))
        elif value > schema["maximum"]:
            errors.append((path, "%s is greater than the maximum %s"
                           % (value, schema["maximum"])))
    if is_type(exclusive_min, "number") and value <= exclusive_min:
        errors.append((path, "%s is not greater than the exclusiveMinimum %s"
                       % (value, exclusive_min)))
    if is_type(exclusive_max, "number") and value >= exclusive_max:
        errors.append((path, "%s is not less than the exclusiveMaximum %s"
                       % (value, exclusive_max)))


def check_string(v, value, schema, path, errors, active):
    if not isinstance(value, str):
        return
    if "minLength" in schema and len(value) < schema["minLength"]:
        errors.append((path, "string too short: length %d < minLength %d"
                       % (len(value), schema["minLength"])))
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        errors.append((path, "string too long: length %d > maxLength %d"
                       % (len(value), schema["maxLength"])))
    if "pattern" in schema and not v.patterns[schema["pattern"]].search(value):
        errors.append((path, "string %s does not match pattern %s"
                       % (short(value), short(schema["pattern"]))))
    if "format" in schema:
        problem = FORMAT_CHECKS[schema["format"]](value)
        if problem:
            errors.append((path, "invalid format %s: %s"
                           % (schema["format"], problem)))


def format_uri_reference(text):
    if BAD_URI_CHAR_RE.search(text):
        return "%s contains whitespace or control characters" % short(text)
    if BAD_PERCENT_RE.search(text):
        return "%s has a '%%' not followed by two hex digits" % short(text)
    return None


def format_uri(text):
    problem = format_uri_reference(text)
    if problem is None and not SCHEME_RE.match(text):
        problem = "%s has no scheme (an absolute URI is needed)" % short(text)
    return problem


def format_date_time(text):
    if not DATE_TIME_RE.match(text):
        return "%s is not an RFC 3339 date-time" % short(text)
    return None


FORMAT_CHECKS = {
    "uri": format_uri,
    "uri-reference": format_uri_reference,
    "date-time": format_date_time,
}


def check_combinators(v, value, schema, path, errors, active):
    for sub in schema.get("allOf", []):
        v._validate(value, sub, path, errors, active)
    if "anyOf" in schema:
        results = [v._matches(value, sub, path, active)
                   for sub in schema["anyOf"]]
        if all(results):
            errors.append((path, "matches none of the anyOf alternatives: "
                           + alternatives(results, path)))
    if "oneOf" in schema:
        results = [v._matches(value, sub, path, active)
                   for sub in schema["oneOf"]]
        passing = [i for i, errs in enumerate(results) if not errs]
        if not passing:
            errors.append((path, "matches none of the oneOf alternatives: "
                           + alternatives(results, path)))
        elif len(passing) > 1:
            errors.append((path, "matches oneOf alternatives %s, but must "
                           "match exactly one" % passing))
    if "not" in schema and not v._matches(value, schema["not"], path, active):
        errors.append((path, "matches a schema it must not match (not)"))


def alternatives(results, path):
    """Summarize why each alternative failed, by its first error."""
    parts = []
    for i, errs in enumerate(results):
        where, msg = errs[0]
        if where != path:
            msg = "%s: %s" % (pointer(where), msg)
        parts.append("(%d) %s" % (i, msg))
    return "; ".join(parts)


CHECKS = (check_type, check_enum_const, check_object, check_array,
          check_number, check_string, check_combinators)


_VALIDATORS = {}


def validate(instance, schema):
    """Validate a parsed JSON instance against a parsed schema.

    Returns a list of "pointer: problem" strings, empty if valid.  Raises
    SchemaError if the schema uses something that is not implemented.
    """
    validator = _VALIDATORS.get(id(schema))
    if validator is None or validator.root is not schema:
        validator = _VALIDATORS[id(schema)] = Validator(schema)
    return validator.validate(instance)


# ---------------------------------------------------------------------------
# GitHub code scanning requirements


def get(value, *keys):
    """value[k1][k2]..., or None where the path does not exist."""
    for key in keys:
        if isinstance(key, int):
            if not isinstance(value, list) or len(value) <= key:
                return None
        elif not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def nonempty_string(value):
    return isinstance(value, str) and value.strip() != ""


def github_rule_problems(rule, path):
    problems = []
    for keys in (("id",), ("shortDescription", "text"),
                 ("fullDescription", "text"), ("help", "text")):
        if not nonempty_string(get(rule, *keys)):
            problems.append((path + keys[:1], "GitHub requires a non-empty "
                             "rule %s" % ".".join(keys)))
    return problems


def relative_uri_problem(uri):
    if not nonempty_string(uri):
        return "GitHub requires a non-empty artifactLocation.uri"
    if SCHEME_RE.match(uri):
        return ("GitHub requires a URI relative to the repository root, "
                "got absolute %s" % short(uri))
    if uri.startswith("/"):
        return ("GitHub requires a URI relative to the repository root, "
                "got absolute path %s" % short(uri))
    if uri == ".." or uri.startswith("../"):
        return ("GitHub requires a URI inside the repository root, got %s"
                % short(uri))
    return None


def github_result_problems(result, path):
    problems = []
    if not nonempty_string(get(result, "ruleId")):
        problems.append((path + ("ruleId",), "GitHub requires a non-empty "
                         "result ruleId"))
    if not nonempty_string(get(result, "message", "text")):
        problems.append((path + ("message",), "GitHub requires a non-empty "
                         "result message.text"))
    physical = get(result, "locations", 0, "physicalLocation")
    physical_path = path + ("locations", 0, "physicalLocation")
    if not isinstance(physical, dict):
        problems.append((physical_path, "GitHub requires "
                         "locations[0].physicalLocation"))
    else:
        uri_problem = relative_uri_problem(
            get(physical, "artifactLocation", "uri"))
        if uri_problem:
            problems.append((physical_path + ("artifactLocation", "uri"),
                             uri_problem))
        start = get(physical, "region", "startLine")
        if start is None or not is_type(start, "integer"):
            problems.append((physical_path + ("region", "startLine"),
                             "GitHub requires an integer region.startLine"))
    fingerprints = get(result, "partialFingerprints")
    if not isinstance(fingerprints, dict) or not fingerprints:
        problems.append((path + ("partialFingerprints",), "GitHub requires "
                         "a non-empty partialFingerprints object"))
    return problems


def github_problems(log):
    """Check GitHub code scanning's requirements beyond the schema.

    Returns "pointer: problem" strings; never raises on malformed input.
    """
    problems = []
    runs = get(log, "runs")
    for r, run in enumerate(runs if isinstance(runs, list) else []):
        tool = get(run, "tool")
        components = [(("driver",), get(tool, "driver"))]
        extensions = get(tool, "extensions")
        if isinstance(extensions, list):
            components += [(("extensions", i), ext)
                           for i, ext in enumerate(extensions)]
        for where, component in components:
            rules = get(component, "rules")
            for i, rule in enumerate(rules if isinstance(rules, list) else []):
                problems += github_rule_problems(
                    rule, ("runs", r, "tool") + where + ("rules", i))
        results = get(run, "results")
        for i, result in enumerate(
                results if isinstance(results, list) else []):
            problems += github_result_problems(
                result, ("runs", r, "results", i))
    return ["%s: %s" % (pointer(path), msg) for path, msg in problems]


# ---------------------------------------------------------------------------
# Command line


VALIDATION_RECURSION_LIMIT = 10000


def unique_keys(pairs):
    """object_pairs_hook: refuse duplicate keys instead of keeping the last."""
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError("duplicate key %s" % short(key))
        obj[key] = value
    return obj


def not_json(constant):
    """parse_constant: NaN and Infinity are not JSON."""
    raise ValueError("%s is not valid JSON" % constant)


def load_json(path):
    """Parse a strict JSON file (no duplicate keys, no NaN/Infinity)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=unique_keys,
                         parse_constant=not_json)


def check_file(path, validator, github):
    """Return the problems of one SARIF file as printable lines."""
    try:
        log = load_json(path)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return ["%s: (root): cannot read JSON: %s" % (path, err)]
    except RecursionError:
        return ["%s: (root): cannot read JSON: nested too deeply" % path]
    # Validation recurses a few frames per level of the document; allow
    # deep (but finite) logs while the C-level JSON parser keeps its limit.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, VALIDATION_RECURSION_LIMIT))
    try:
        problems = validator.validate(log)
    except RecursionError:
        return ["%s: (root): nested too deeply to validate" % path]
    finally:
        sys.setrecursionlimit(limit)
    if github:
        problems += github_problems(log)
    return ["%s: %s" % (path, p) for p in problems]


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Validate SARIF 2.1.0 files against the JSON schema.")
    parser.add_argument("--schema", required=True,
                        help="the SARIF 2.1.0 JSON schema")
    parser.add_argument("--github", action="store_true",
                        help="also check GitHub code scanning's requirements")
    parser.add_argument("files", nargs="+", metavar="FILE.sarif")
    args = parser.parse_args(argv)

    try:
        validator = Validator(load_json(args.schema))
    except (OSError, ValueError, SchemaError) as err:
        for line in str(err).splitlines():
            print("%s: unusable schema: %s" % (args.schema, line),
                  file=sys.stderr)
        return 2

    status = 0
    for path in args.files:
        problems = check_file(path, validator, args.github)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            status = 1
        else:
            print("%s: valid SARIF 2.1.0%s" % (
                path, " (GitHub code scanning requirements met)"
                if args.github else ""))
    return status


if __name__ == "__main__":
    sys.exit(main())
