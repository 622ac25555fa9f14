#include "policy/policyreasons.h"

#include <QCoreApplication>
#include <QHash>

namespace workbench::policy {

QString reasonMessage(const QString &code, const QString &detail)
{
    // QT_TRANSLATE_NOOP keeps the strings visible to lupdate; translation happens on use.
    static const QHash<QString, const char *> messages = {
        {QStringLiteral("cwd_not_found"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The working directory does not exist.")},
        {QStringLiteral("cwd_not_directory"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The working directory is not a directory.")},
        {QStringLiteral("workspace_boundary_violation"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The working directory is outside the workspace.")},
        {QStringLiteral("unsupported_env_profile"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The environment profile \"%1\" is not supported.")},
        {QStringLiteral("empty_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The command is empty.")},
        {QStringLiteral("invalid_command_syntax"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The command cannot be parsed: %1")},
        {QStringLiteral("blocked_command_pattern"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "This command matches a blocked pattern (%1).")},
        {QStringLiteral("blocked_command_class"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is blocked: it can damage the system.")},
        {QStringLiteral("privileged_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" runs with elevated privileges.")},
        {QStringLiteral("destructive_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" deletes or overwrites data.")},
        {QStringLiteral("network_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" accesses the network.")},
        {QStringLiteral("compound_shell_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The command has several parts; each part was judged.")},
        {QStringLiteral("safe_read_only_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" only reads.")},
        {QStringLiteral("standard_dev_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is a standard development command.")},
        {QStringLiteral("unknown_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is not a known command.")},
        {QStringLiteral("execution_disabled"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "Command execution is switched off by the system policy.")},
        {QStringLiteral("workspace_not_found"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The workspace does not exist.")},
        {QStringLiteral("path_outside_workspace"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The path \"%1\" is outside the workspace.")},
        {QStringLiteral("redirection_outside_workspace"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The redirection target \"%1\" is outside the workspace.")},
        {QStringLiteral("workspace_root_target"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is the workspace root, the home directory or the filesystem root.")},
        {QStringLiteral("dynamic_command_name"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The program name is only known when the command runs.")},
        {QStringLiteral("dynamic_argument"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is only known when the command runs and could point anywhere.")},
        {QStringLiteral("obfuscated_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is disguised (look-alike characters, hidden characters, quoting or encoding).")},
        {QStringLiteral("fetch_and_execute"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "Downloaded or decoded data is run as code (%1).")},
        {QStringLiteral("inline_code"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" runs inline code.")},
        {QStringLiteral("execute_option"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The option \"%1\" runs another program.")},
        {QStringLiteral("eval_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" evaluates text as shell code.")},
        {QStringLiteral("background_process"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" starts a process that outlives the run.")},
        {QStringLiteral("credential_access"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is credential material.")},
        {QStringLiteral("secret_file_read"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" may contain secrets, and the output is stored in the audit log.")},
        {QStringLiteral("secret_exfiltration"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "Secrets or the environment would be sent to the network (%1).")},
        {QStringLiteral("environment_dump"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" prints the environment, and the output is stored in the audit log.")},
        {QStringLiteral("environment_hijack"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "Setting %1 can make a safe command run something else.")},
        {QStringLiteral("git_config_exec"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The git setting \"%1\" runs a program.")},
        {QStringLiteral("agent_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is an agent command run through the agent launcher.")},
        {QStringLiteral("wrapper_depth_exceeded"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The command is nested too deeply to be checked.")},
        {QStringLiteral("force_push"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" rewrites or deletes remote history.")},
        {QStringLiteral("force_push_with_lease"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" force-pushes with a lease.")},
        {QStringLiteral("history_rewrite"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" rewrites local history.")},
        {QStringLiteral("publish"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" publishes outside this machine.")},
        {QStringLiteral("persistence"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" changes files that run on login, on schedule or at boot.")},
        {QStringLiteral("privilege_escalation"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" gains elevated privileges.")},
        {QStringLiteral("resource_exhaustion"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" writes output without end to a file and can fill the disk.")},
        {QStringLiteral("block_device_write"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is a block device or kernel memory.")},
        {QStringLiteral("dependency_install"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" adds new dependencies from a registry.")},
        {QStringLiteral("global_install"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" installs outside the workspace.")},
        {QStringLiteral("global_config_write"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" writes global configuration.")},
        {QStringLiteral("destructive_infrastructure"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" destroys infrastructure, containers or data.")},
        {QStringLiteral("infrastructure_change"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" changes infrastructure.")},
        {QStringLiteral("container_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" runs or changes containers.")},
        {QStringLiteral("package_execution"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" downloads and runs a package.")},
        {QStringLiteral("process_kill"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" signals other processes.")},
        {QStringLiteral("service_control"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" controls system services.")},
        {QStringLiteral("interactive_command"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" needs an interactive terminal.")},
        {QStringLiteral("symlink_outside_workspace"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The link points outside the workspace (%1).")},
        {QStringLiteral("workspace_hook_write"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" changes git hooks or configuration that run code later.")},
        {QStringLiteral("project_script"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is a script of the project.")},
        {QStringLiteral("workspace_write"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "\"%1\" is written inside the workspace.")},
        {QStringLiteral("unseen_sql"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "The SQL run by \"%1\" is read from a file or another program and is not seen when the command is judged.")},
        {QStringLiteral("custom_rule"), QT_TRANSLATE_NOOP("workbench::policy::Reason", "A policy rule matches: %1")},
    };
    const char *text = messages.value(code);
    if (!text)
        return code;
    QString message = QCoreApplication::translate("workbench::policy::Reason", text);
    // Every message has at most one placeholder: one search and an in-place replacement are enough
    // (a 4 KiB command yields over a hundred reasons; QString::arg() parses the whole template).
    if (const qsizetype at = message.indexOf(u"%1"); at >= 0)
        message.replace(at, 2, detail);
    return message;
}

} // namespace workbench::policy
