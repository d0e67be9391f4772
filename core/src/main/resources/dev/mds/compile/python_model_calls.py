# Finds the dbt.ref(), dbt.source() and dbt.config() calls of Python models without running them:
# mds passes the files, this prints one JSON object keyed by file. As in dbt, the arguments must
# be literals; anything else is reported as the file's error with its line.
import ast
import json
import sys


def calls(path):
    found = {"refs": [], "sources": [], "config": {}, "error": None, "line": 0}
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), filename=path)
    except SyntaxError as error:
        found["error"] = "invalid Python: " + str(error.msg)
        found["line"] = error.lineno or 0
        return found
    except (OSError, UnicodeDecodeError) as error:
        found["error"] = "cannot read file: " + str(error)
        return found
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "dbt"):
            continue
        kind = node.func.attr
        if kind in ("ref", "source"):
            args = [a.value for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            wanted = (1, 2) if kind == "ref" else (2,)
            if len(args) != len(node.args) or len(args) not in wanted:
                found["error"] = ("dbt.%s() takes %s string literals, as in dbt"
                                  % (kind, "one or two" if kind == "ref" else "two"))
                found["line"] = node.lineno
                return found
            found["refs" if kind == "ref" else "sources"].append([node.lineno] + args)
        elif kind == "config":
            for keyword in node.keywords:
                try:
                    found["config"][keyword.arg] = ast.literal_eval(keyword.value)
                except ValueError:
                    found["error"] = ("dbt.config(%s=...) must be a literal, as in dbt"
                                      % keyword.arg)
                    found["line"] = node.lineno
                    return found
    found["refs"].sort()
    found["sources"].sort()
    return found


json.dump({path: calls(path) for path in sys.argv[1:]}, sys.stdout)
