#!/usr/bin/env python3
"""Prints, one argument per line (NUL-separated with -0), the argv systemd would exec for a unit's ExecStart=.

usage: expand_exec.py [-0] UNIT_FILE INSTANCE [ENV_FILE...]

The rules of systemd.service(5) "Command lines" and systemd.exec(5) "EnvironmentFile=", as systemd 252
applies them (src/basic/env-util.c, replace_env_argv):
  - a backslash at the end of a line continues it;
  - the line is split into words (quotes and backslash escapes as in a shell);
  - specifiers: %i is the instance name, %% a literal %;
  - a word that is exactly $NAME becomes the variable's value split at whitespace (quotes inside the value
    group words): zero or more arguments; an unset variable gives none;
  - ${NAME} anywhere in a word is replaced by the exact value, leaving ONE argument (possibly empty);
  - an environment file has NAME=VALUE lines; # and ; start comments; a value in matching quotes is unquoted;
    a later assignment wins.
Only ExecStart= is read, and only the features the project's units use (no prefixes such as '-' or '@').
"""
import re
import shlex
import sys


def logical_lines(text):
    out, pending = [], ""
    for raw in text.splitlines():
        if raw.endswith("\\"):
            pending += raw[:-1] + " "
            continue
        out.append(pending + raw)
        pending = ""
    if pending:
        out.append(pending)
    return out


def read_env(path, env):
    with open(path) as f:
        for line in logical_lines(f.read()):
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if "=" not in line:
                continue
            name, value = line.split("=", 1)
            name, value = name.strip(), value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = shlex.split(value)[0]
            env[name] = value


def specifiers(word, instance):
    return re.sub(r"%(.)", lambda m: "%" if m.group(1) == "%" else instance if m.group(1) == "i" else m.group(0), word)


def expand(words, env):
    argv = []
    for word in words:
        m = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if m:
            value = env.get(m.group(1))
            if value is not None:
                argv.extend(shlex.split(value))
            continue
        argv.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda v: env.get(v.group(1), ""), word))
    return argv


def main():
    args = sys.argv[1:]
    sep = "\n"
    if args and args[0] == "-0":
        sep, args = "\0", args[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    unit, instance, env_files = args[0], args[1], args[2:]
    with open(unit) as f:
        lines = [l for l in logical_lines(f.read()) if l.startswith("ExecStart=")]
    if len(lines) != 1:
        sys.exit("%s: expected one ExecStart= line, found %d" % (unit, len(lines)))
    env = {}
    for path in env_files:
        read_env(path, env)
    words = [specifiers(w, instance) for w in shlex.split(lines[0][len("ExecStart="):])]
    sys.stdout.write("".join(a + sep for a in expand(words, env)))


if __name__ == "__main__":
    main()
