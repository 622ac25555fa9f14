#include "app/runtime/launchplan.h"

namespace workbench::runtime {

const QStringList &environmentAllowList()
{
    static const QStringList names = {
        QStringLiteral("PATH"),   QStringLiteral("HOME"),   QStringLiteral("USER"),
        QStringLiteral("SHELL"),  QStringLiteral("TERM"),   QStringLiteral("LANG"),
        QStringLiteral("LC_ALL"), QStringLiteral("TMPDIR"), QStringLiteral("TMP"),
        QStringLiteral("TEMP"),   QStringLiteral("PYTHONPATH"),
    };
    return names;
}

QProcessEnvironment environmentForProfile(const QString &profile, const QString &workspaceRoot,
                                          const QProcessEnvironment &source)
{
    // Default-constructed means empty (not "inherit from parent"): nothing leaks by default.
    QProcessEnvironment environment;
    for (const QString &name : environmentAllowList()) {
        if (source.contains(name))
            environment.insert(name, source.value(name));
    }
    const QString normalized = profile.trimmed().toLower();
    if (normalized == QLatin1String("ci"))
        environment.insert(QStringLiteral("CI"), QStringLiteral("1"));
    if (normalized == QLatin1String("project") || normalized == QLatin1String("ci"))
        environment.insert(QStringLiteral("CCDASH_PROJECT_ROOT"), workspaceRoot);
    return environment;
}

CommandLine commandLineFor(const policy::PolicyResult &result, const QString &shellCommand)
{
    if (!result.needsShell && !result.launchArguments.isEmpty())
        return {result.launchArguments.constFirst(), result.launchArguments.mid(1)};
    const QString shell = result.needsBash ? QStringLiteral("/bin/bash") : QStringLiteral("/bin/sh");
    return {shell, {QStringLiteral("-c"), shellCommand}};
}

LaunchSpec launchSpecFor(const policy::PolicyResult &result, const QString &shellCommand,
                         const QString &envProfile, const QString &workspaceRoot)
{
    const CommandLine commandLine = commandLineFor(result, shellCommand);
    LaunchSpec spec;
    spec.program = commandLine.program;
    spec.arguments = commandLine.arguments;
    spec.workingDirectory = result.resolvedCwd;
    spec.environment = environmentForProfile(envProfile, workspaceRoot);
    return spec;
}

} // namespace workbench::runtime
