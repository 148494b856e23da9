#!/usr/bin/python3
"""Runs the steps of a composite GitHub Action as a runner would.

Usage: run_action.py ACTION_DIR WORKSPACE [NAME=VALUE...]

Reads ACTION_DIR/action.yml and runs its steps in order in WORKSPACE, with
the inputs NAME=VALUE and the defaults of the others. ${{ inputs.NAME }}
and ${{ steps.ID.outputs.NAME }} are replaced in env, run, with and the
outputs; GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_PATH and
GITHUB_OUTPUT are set as on a runner, and a directory a step adds to
GITHUB_PATH is on PATH from the next step on. A `shell: bash` step runs
with `bash --noprofile --norc -eo pipefail`; a `uses:` step is printed with
its inputs, not run (it needs GitHub); an `if:` may only compare an input
with a string. It stops at the first step that fails, with that step's
status, as a runner does; else it prints the action's outputs.

Needs PyYAML, so run it with /usr/bin/python3 and Debian's python3-yaml.
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
CONDITION = re.compile(r"inputs\.([\w-]+) == '([^']*)'")


def main():
    action_dir, workspace = map(os.path.abspath, sys.argv[1:3])
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    inputs = {name: str(spec.get("default", ""))
              for name, spec in action.get("inputs", {}).items()}
    for pair in sys.argv[3:]:
        name, _, value = pair.partition("=")
        if name not in inputs:
            sys.exit("run_action.py: the action has no input %r" % name)
        inputs[name] = value
    outputs = {}

    def value(expression):
        parts = expression.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            return inputs[parts[1]]
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return outputs.get(parts[1], {}).get(parts[3], "")
        sys.exit("run_action.py: cannot evaluate %r" % expression)

    def substitute(text):
        return EXPRESSION.sub(lambda m: value(m.group(1)), str(text))

    state = tempfile.mkdtemp(prefix="run_action.")
    path_file = os.path.join(state, "path")
    open(path_file, "w").close()
    env = dict(os.environ, GITHUB_ACTION_PATH=action_dir,
               GITHUB_WORKSPACE=workspace, GITHUB_PATH=path_file)
    for step in action["runs"]["steps"]:
        condition = step.get("if")
        if condition is not None:
            match = CONDITION.fullmatch(condition.strip())
            if not match:
                sys.exit("run_action.py: cannot evaluate if: %r" % condition)
            if inputs[match.group(1)] != match.group(2):
                print("skipped: %s" % step["name"], flush=True)
                continue
        if "uses" in step:
            print("uses: %s %s" % (step["uses"], " ".join(
                "%s=%s" % (k, substitute(v))
                for k, v in sorted(step.get("with", {}).items()))), flush=True)
            continue
        output_file = os.path.join(state, "output")
        open(output_file, "w").close()
        step_env = dict(env, GITHUB_OUTPUT=output_file)
        step_env.update({k: substitute(v)
                         for k, v in step.get("env", {}).items()})
        with open(path_file, encoding="utf-8") as f:
            added = [line.strip() for line in f if line.strip()]
        step_env["PATH"] = os.pathsep.join(added[::-1] + [env["PATH"]])
        print("step: %s" % step["name"], flush=True)
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo",
                               "pipefail", "-c", substitute(step["run"])],
                              cwd=workspace, env=step_env)
        with open(output_file, encoding="utf-8") as f:
            outputs[step.get("id", "")] = dict(
                line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        if proc.returncode:
            print("failed: %s (exit %d)" % (step["name"], proc.returncode))
            sys.exit(proc.returncode)
    for name, spec in action.get("outputs", {}).items():
        print("output: %s=%s" % (name, substitute(spec["value"])))


if __name__ == "__main__":
    main()
