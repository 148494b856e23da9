"""durcheck as a Bazel aspect, one cacheable action per source file.

durcheck_aspect follows `deps` and runs `durcheck --result-file` on each
C and C++ source of cc_library, cc_binary and cc_test targets, with the
compile flags of the target and of the C++ toolchain. Each action declares
what it reads -- the source, the headers of the target's compilation
context, the toolchain's files, the .clang-tidy files of
//bazel:config and the durcheck binary -- and writes one result file whose
paths are relative to the execution root, so that the disk cache, a remote
cache and a remote executor all see the same action and the same output.

durcheck_report joins the result files of its deps' transitive closure in
two actions: the join, whose inputs are the result files alone and which is
skipped when they are unchanged, and the report, which also reads the
sources to show the findings' lines.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

DurcheckInfo = provider(
    doc = "The durcheck results of a target and of its transitive deps.",
    fields = {
        "results": "depset of result files, one per source file",
        "sources": "depset of the sources and headers the results name",
    },
)

_RULES = ["cc_library", "cc_binary", "cc_test"]
_C_EXTENSIONS = ["c"]
_CXX_EXTENSIONS = ["cc", "cpp", "cxx", "c++", "C"]

# Flags that change how diagnostics look, or that GCC takes and clang
# rejects (Bazel's GCC toolchain passes -fno-canonical-system-headers):
# left out, so that an action's key holds only what the analysis sees.
_DROPPED_FLAGS = [
    "-fcolor-diagnostics",
    "-fno-color-diagnostics",
    "-fdiagnostics-color",
    "-fdiagnostics-color=always",
    "-fno-diagnostics-color",
    "-fno-canonical-system-headers",
]

def _sources(rule):
    return [
        f
        for src in getattr(rule.attr, "srcs", [])
        for f in src.files.to_list()
        if f.extension in _C_EXTENSIONS + _CXX_EXTENSIONS
    ]

def _compile_flags(ctx, toolchain, features, context, is_cxx):
    """The flags the target compiles a C or C++ source with."""
    cpp = ctx.fragments.cpp
    user_flags = cpp.copts + (cpp.cxxopts if is_cxx else cpp.conlyopts)
    user_flags = user_flags + getattr(ctx.rule.attr, "copts", [])
    variables = cc_common.create_compile_variables(
        feature_configuration = features,
        cc_toolchain = toolchain,
        user_compile_flags = user_flags,
        include_directories = context.includes,
        quote_include_directories = context.quote_includes,
        system_include_directories = context.system_includes,
        preprocessor_defines = depset(
            transitive = [context.defines, context.local_defines],
        ),
    )
    flags = cc_common.get_memory_inefficient_command_line(
        feature_configuration = features,
        action_name = ACTION_NAMES.cpp_compile if is_cxx else ACTION_NAMES.c_compile,
        variables = variables,
    )
    return [f for f in flags if f not in _DROPPED_FLAGS]

def _result_name(target, src):
    # Below the target's package, by the source's path in that package, or
    # else in its repository.
    path = src.short_path
    package = target.label.package + "/"
    if path.startswith(package):
        path = path[len(package):]
    elif path.startswith("../"):
        path = "external/" + path[3:]
    return "%s.durcheck/%s.unit" % (target.label.name, path)

def _analyse(ctx, target, src, flags, inputs):
    out = ctx.actions.declare_file(_result_name(target, src))
    args = ctx.actions.args()
    args.add("--quiet")
    args.add("--result-file=" + out.path)
    args.add(src)
    args.add("--")
    args.add_all(flags)
    ctx.actions.run(
        executable = ctx.executable._durcheck,
        arguments = [args],
        inputs = depset([src], transitive = [inputs]),
        outputs = [out],
        mnemonic = "Durcheck",
        progress_message = "Durcheck %s" % src.short_path,
    )
    return out

def _durcheck_aspect_impl(target, ctx):
    deps = [
        dep[DurcheckInfo]
        for dep in getattr(ctx.rule.attr, "deps", [])
        if DurcheckInfo in dep
    ]
    results, sources, headers = [], [], []
    if ctx.rule.kind in _RULES and CcInfo in target:
        toolchain = find_cpp_toolchain(ctx)
        features = cc_common.configure_features(
            ctx = ctx,
            cc_toolchain = toolchain,
            requested_features = ctx.features,
            unsupported_features = ctx.disabled_features,
        )
        context = target[CcInfo].compilation_context
        inputs = depset(
            ctx.files._config,
            transitive = [context.headers, toolchain.all_files],
        )
        flags = {
            is_cxx: _compile_flags(ctx, toolchain, features, context, is_cxx)
            for is_cxx in [False, True]
        }
        for src in _sources(ctx.rule):
            is_cxx = src.extension in _CXX_EXTENSIONS
            results.append(_analyse(ctx, target, src, flags[is_cxx], inputs))
            sources.append(src)
        headers.append(context.headers)
    info = DurcheckInfo(
        results = depset(results, transitive = [d.results for d in deps]),
        sources = depset(
            sources,
            transitive = headers + [d.sources for d in deps],
        ),
    )
    return [info, OutputGroupInfo(durcheck = info.results)]

durcheck_aspect = aspect(
    implementation = _durcheck_aspect_impl,
    attr_aspects = ["deps"],
    attrs = {
        "_durcheck": attr.label(
            default = Label("//bazel:durcheck"),
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
        "_config": attr.label(default = Label("//bazel:config")),
        "_cc_toolchain": attr.label(
            default = Label("@bazel_tools//tools/cpp:current_cc_toolchain"),
        ),
    },
    fragments = ["cpp"],
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
)

def _durcheck_report_impl(ctx):
    infos = [dep[DurcheckInfo] for dep in ctx.attr.deps]
    results = depset(transitive = [i.results for i in infos])
    joined = ctx.actions.declare_directory(ctx.label.name + ".durcheck-joined")
    join = ctx.actions.args()
    join.add("--quiet")
    join.add("--facts-dir=" + joined.path)
    join.add("--join")
    join.add_all(results)
    join.use_param_file("@%s", use_always = True)
    join.set_param_file_format("shell")
    ctx.actions.run(
        executable = ctx.executable._durcheck,
        arguments = [join],
        inputs = results,
        outputs = [joined],
        mnemonic = "DurcheckJoin",
        progress_message = "DurcheckJoin %s" % ctx.label,
    )

    report = ctx.actions.declare_file(
        ctx.label.name + (".sarif" if ctx.attr.format == "sarif" else ".txt"),
    )
    args = ctx.actions.args()
    args.add(ctx.executable._durcheck)
    args.add("--quiet")
    args.add("--format=" + ctx.attr.format)
    args.add("--output=" + report.path)

    # The execution root by a name of no sandbox: the SARIF's %SRCROOT%.
    args.add("--source-root=/proc/self/cwd")
    if not ctx.attr.fail_on_findings:
        args.add("--exit-zero")
    args.add("--join")
    args.add(joined.path)
    ctx.actions.run_shell(
        # On failure the report is shown, since Bazel keeps no output of a
        # failed action.
        command = '"$@" || { status=$?; cat "%s" >&2; exit $status; }' % report.path,
        arguments = [args],
        tools = [ctx.executable._durcheck],
        inputs = depset([joined], transitive = [i.sources for i in infos]),
        outputs = [report],
        mnemonic = "DurcheckReport",
        progress_message = "DurcheckReport %s" % ctx.label,
    )
    return [DefaultInfo(files = depset([report]))]

durcheck_report = rule(
    implementation = _durcheck_report_impl,
    doc = "Joins the durcheck results of the deps' transitive closure into " +
          "one report, <name>.txt or <name>.sarif.",
    attrs = {
        "deps": attr.label_list(aspects = [durcheck_aspect]),
        "format": attr.string(default = "text", values = ["text", "sarif"]),
        "fail_on_findings": attr.bool(
            default = False,
            doc = "Fail the build when there are findings. Findings that " +
                  "WarningsAsErrors makes errors, and sources that do not " +
                  "compile, fail it either way.",
        ),
        "_durcheck": attr.label(
            default = Label("//bazel:durcheck"),
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
    },
)

def _durcheck_binary_unset_impl(ctx):
    fail("durcheck: set --@durcheck//bazel:durcheck to the label of the " +
         "durcheck binary; see durcheck's README.md")

durcheck_binary_unset = rule(implementation = _durcheck_binary_unset_impl)
