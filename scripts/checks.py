#!/usr/bin/env python3
"""The list of durcheck's checks, and what is derived from it.

The one list is the table of registrations in
lib/Module/DurabilityTidyModule.cpp. Everything else about a check follows
from its name by the naming rules of shared/DESIGN.md:

  check   durability-rename-without-dir-fsync
  class   RenameWithoutDirFsyncCheck
  files   lib/Checks/RenameWithoutDirFsyncCheck.{h,cpp}
  doc     checks-docs/durability-rename-without-dir-fsync.rst
  tests   test/checkers/durability-rename-without-dir-fsync*.c(pp)

Commands:
  list                 the registered checks, one a line, sorted
  table [--write]      the README's table of checks, made from the list and
                       each doc page's summary; --write puts it in README.md
  verify               every registered check has its class, doc page (whose
                       summary is the class's doxygen line), a test and its
                       README row, and nothing is there for a check that is
                       not registered; exit 1 with one line a problem
  add NAME SUMMARY     writes the files of a new check and its registration
                       line, and rewrites the README table

Only the standard library is used, so the lit suite and a fresh checkout
can run it.
"""

import argparse
import os
import re
import sys
import textwrap

SRC_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULE = os.path.join("lib", "Module", "DurabilityTidyModule.cpp")
PREFIX = "durability-"
ENTRY = re.compile(r'^\s*\{"(%s[a-z0-9-]+)",' % PREFIX, re.M)
TABLE_HEAD = "| check | summary |\n| --- | --- |\n"


def class_name(check):
    """durability-rename-without-dir-fsync -> RenameWithoutDirFsyncCheck."""
    words = check[len(PREFIX):].split("-")
    return "".join(w[:1].upper() + w[1:] for w in words) + "Check"


def read(root, *parts):
    with open(os.path.join(root, *parts), encoding="utf-8") as f:
        return f.read()


def write(root, text, *parts):
    path = os.path.join(root, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def registered(root):
    return ENTRY.findall(read(root, MODULE))


def doc_summary(root, check):
    """The paragraph after the page's heading, joined into one line; None
    without a page."""
    if not os.path.exists(os.path.join(root, "checks-docs", check + ".rst")):
        return None
    lines = read(root, "checks-docs", check + ".rst").splitlines()
    try:
        start = lines.index("=" * len(check)) + 1
    except ValueError:
        return None
    para = []
    for line in lines[start:]:
        if not line.strip():
            if para:
                break
            continue
        para.append(line.strip())
    return " ".join(para)


def class_summary(root, check):
    """The class's doxygen paragraph, joined into one line."""
    text = read(root, "lib", "Checks", class_name(check) + ".h")
    match = re.search(r"((?:^/// .*\n)+)///\n/// For the user-facing", text,
                      re.M)
    if not match:
        return None
    return " ".join(l[4:].strip() for l in match.group(1).splitlines())


def table(root):
    rows = []
    for check in registered(root):
        summary = doc_summary(root, check) or ""
        rows.append("| [%s](checks-docs/%s.rst) | %s |\n" %
                    (check, check, summary))
    return TABLE_HEAD + "".join(rows)


def readme_with_table(root):
    """README.md with its table of checks replaced by the derived one."""
    readme = read(root, "README.md")
    start = readme.find(TABLE_HEAD)
    if start < 0:
        sys.exit("README.md has no table of checks (%r)" % TABLE_HEAD)
    end = readme.find("\n\n", start)
    return readme[:start] + table(root) + readme[end + 1:]


def tests_of(root, check):
    folder = os.path.join(root, "test", "checkers")
    return [f for f in os.listdir(folder)
            if re.fullmatch(re.escape(check) + r"(-[a-z0-9-]+)?\.(c|cpp)", f)]


def problems(root):
    checks = registered(root)
    if checks != sorted(checks):
        yield "%s: the registrations are not sorted by name" % MODULE
    for check in checks:
        header = os.path.join("lib", "Checks", class_name(check) + ".h")
        for path in (header, header[:-2] + ".cpp",
                     os.path.join("checks-docs", check + ".rst")):
            if not os.path.exists(os.path.join(root, path)):
                yield "%s: missing %s" % (check, path)
        if not tests_of(root, check):
            yield "%s: no test in test/checkers/" % check
        docs = os.path.join(root, "checks-docs", check + ".rst")
        if os.path.exists(docs) and os.path.exists(os.path.join(root, header)):
            if doc_summary(root, check) != class_summary(root, check):
                yield ("%s: the doc page's summary is not the class's doxygen "
                       "line" % check)
    for page in sorted(os.listdir(os.path.join(root, "checks-docs"))):
        if page.endswith(".rst") and page[:-4] not in checks:
            yield "checks-docs/%s: no such check is registered" % page
    if read(root, "README.md") != readme_with_table(root):
        yield "README.md: the table of checks is not the registered list " \
              "(run scripts/checks.py table --write)"


HEADER = """\
//===- {cls}.h - {check} {fill}-*- C++ -*-===//

#ifndef DURCHECK_CHECKS_{guard}_H
#define DURCHECK_CHECKS_{guard}_H

#include "clang-tidy/ClangTidyCheck.h"

namespace durcheck {{

{doxygen}
///
/// For the user-facing documentation see:
/// checks-docs/{check}.rst
class {cls} : public clang::tidy::ClangTidyCheck {{
public:
  {cls}(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {{}}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
}};

}} // namespace durcheck

#endif // DURCHECK_CHECKS_{guard}_H
"""

SOURCE = """\
//===- {cls}.cpp - {check} {fill}===//

#include "Checks/{cls}.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace durcheck {{

void {cls}::registerMatchers(MatchFinder *Finder) {{
  // FIXME: match what the check looks at.
}}

void {cls}::check(const MatchFinder::MatchResult &Result) {{
  // FIXME: report it, with diag().
}}

}} // namespace durcheck
"""

DOC = """\
.. title:: clang-tidy - {check}

{check}
{underline}

{summary}

Why it matters
--------------

FIXME: what goes wrong after a crash, and who shipped it.

What is flagged
---------------

.. code-block:: c

   /* FIXME */

What is not flagged
-------------------

.. code-block:: c

   /* FIXME */

Options
-------

None.

Limitations
-----------

FIXME.

Silencing
---------

``// NOLINT({check})`` on the line of the warning, or
``// NOLINTNEXTLINE({check})`` on the line above it.
"""

TEST = """\
// RUN: %check_durability %s {check} %t -- -std=gnu11

// FIXME: one construct, its positives and the negatives next to them.

void flagged(void) {{
  // CHECK-MESSAGES: :[[@LINE+1]]:3: warning: FIXME [{check}]
}}
"""


def banner_fill(prefix, suffix):
    """Dashes that make an LLVM file banner 80 columns wide."""
    return "-" * max(1, 80 - len(prefix) - len(suffix)) + suffix


def add(root, check, summary):
    if not re.fullmatch(PREFIX + r"[a-z0-9]+(-[a-z0-9]+)*", check):
        sys.exit("%s: a check's name is %s and lower-case words joined by "
                 "'-'" % (check, PREFIX))
    if check in registered(root):
        sys.exit("%s is already registered" % check)
    cls = class_name(check)
    summary = " ".join(summary.split())
    doxygen = textwrap.fill(summary, 77, initial_indent="/// ",
                            subsequent_indent="/// ")
    header_top = "//===- %s.h - %s " % (cls, check)
    source_top = "//===- %s.cpp - %s " % (cls, check)
    files = {
        ("lib", "Checks", cls + ".h"): HEADER.format(
            cls=cls, check=check, guard=cls.upper(), doxygen=doxygen,
            fill=banner_fill(header_top, "-*- C++ -*-===//")[:-16]),
        ("lib", "Checks", cls + ".cpp"): SOURCE.format(
            cls=cls, check=check, fill=banner_fill(source_top, "===//")[:-5]),
        ("checks-docs", check + ".rst"): DOC.format(
            check=check, underline="=" * len(check),
            summary=textwrap.fill(summary, 76)),
        ("test", "checkers", check + ".c"): TEST.format(check=check),
    }
    for parts in files:
        if os.path.exists(os.path.join(root, *parts)):
            sys.exit("%s exists already" % os.path.join(*parts))
    for parts, text in files.items():
        write(root, text, *parts)
        print("wrote " + os.path.join(*parts))
    register(root, check, cls)
    write(root, readme_with_table(root), "README.md")
    print("registered %s in %s and added its README row" % (check, MODULE))


def register(root, check, cls):
    """Inserts the check's line into the sorted registrations."""
    module = read(root, MODULE)
    line = '    {"%s", make<%s>, nullptr},\n' % (check, cls)
    after = [m for m in ENTRY.finditer(module) if m.group(1) < check]
    if after:
        # After the whole entry of the last name that sorts before it, which
        # may span lines.
        at = module.index("},\n", after[-1].end()) + 3
    else:
        at = ENTRY.search(module).start()
    write(root, module[:at] + line + module[at:], MODULE)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src-root", default=SRC_ROOT)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    table_cmd = sub.add_parser("table")
    table_cmd.add_argument("--write", action="store_true")
    sub.add_parser("verify")
    add_cmd = sub.add_parser("add")
    add_cmd.add_argument("name")
    add_cmd.add_argument("summary")
    args = parser.parse_args()
    root = args.src_root
    if args.command == "list":
        print("\n".join(registered(root)))
    elif args.command == "table":
        if args.write:
            write(root, readme_with_table(root), "README.md")
        else:
            sys.stdout.write(table(root))
    elif args.command == "verify":
        found = list(problems(root))
        for p in found:
            print(p)
        sys.exit(1 if found else 0)
    else:
        add(root, args.name, args.summary)


if __name__ == "__main__":
    main()
