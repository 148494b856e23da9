# -*- Python -*-
import os
import shutil
import subprocess

import lit.formats

config.name = "durcheck"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.durcheck_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")])
# A run must not pick up the user's configuration or colours.
for var in ("CLANG_TIDY_CONFIG", "TERM"):
    config.environment.pop(var, None)

harness = os.path.join(config.test_source_root, "check_durability.py")
config.substitutions.append(
    ("%check_durability",
     "%s %s --clang-tidy=%s --plugin=%s --clang=%s --filecheck=%s "
     "--durcheck=%s"
     % (config.python_executable, harness, config.clang_tidy, config.plugin,
        config.clang, os.path.join(config.llvm_tools_dir, "FileCheck"),
        config.durcheck)))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%plugin", config.plugin))
config.substitutions.append(("%durcheck", config.durcheck))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(
    ("%make_project", "%s %s" % (config.python_executable, os.path.join(
        config.test_source_root, "tool", "make_project.py"))))
config.substitutions.append(
    ("%exit_code", "%s %s" % (config.python_executable, os.path.join(
        config.test_source_root, "tool", "exit_code.py"))))
config.substitutions.append(
    ("%lsp_client", "%s %s" % (config.python_executable, os.path.join(
        config.test_source_root, "tool", "lsp_client.py"))))
config.substitutions.append(("%llvm_major", config.llvm_major))
config.substitutions.append(("%llvm_dir", config.llvm_dir))
config.substitutions.append(("%inputs",
                             os.path.join(config.test_source_root, "Inputs")))

# The clang-tidy of the other supported major version, for the version guard.
other = {"19": "22", "22": "19"}.get(config.llvm_major)
other_tidy = other and shutil.which("clang-tidy-" + other)
if other_tidy:
    config.available_features.add("other-clang-tidy")
    config.substitutions.append(("%other_clang_tidy", other_tidy))
    config.substitutions.append(("%other_major", other))
# apt-config, which bench/corpora.sh asks where apt's sources are.
if shutil.which("apt-config"):
    config.available_features.add("apt-config")
# The packaging tests: pre-commit with git, and Debian's python3 with PyYAML
# for the stand-in of GitHub's runner.
if shutil.which("pre-commit") and shutil.which("git"):
    config.available_features.add("pre-commit")
if subprocess.run(["/usr/bin/python3", "-c", "import yaml"],
                  capture_output=True).returncode == 0:
    config.available_features.add("system-pyyaml")
config.substitutions.append(("%system_python", "/usr/bin/python3"))
config.substitutions.append(("%{durcheck_dir}",
                             os.path.dirname(config.durcheck)))
# Bazel with Debian's Java rules, which the Bazel aspect's test builds with
# offline.
if shutil.which("bazel") and os.path.isdir("/usr/share/bazel/rules/java"):
    config.available_features.add("bazel")
# Neovim, whose built-in LSP client runs the language server's test end to
# end.
if shutil.which("nvim"):
    config.available_features.add("neovim")
# Emacs with eglot (Debian's elpa-eglot), for the eglot recipe's test.
if shutil.which("emacs") and subprocess.run(
        ["emacs", "--batch", "--eval", "(require 'eglot)"],
        capture_output=True).returncode == 0:
    config.available_features.add("eglot")
# GCC, which must be refused at configure time.
if shutil.which("g++"):
    config.available_features.add("gxx")
config.substitutions.append(("%obj_root", config.durcheck_obj_root))
config.substitutions.append(("%src_root", config.durcheck_source_root))
