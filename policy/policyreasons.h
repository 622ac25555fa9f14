#pragma once
// Reason codes are stable API: never rename one (docs/policy.md lists them with examples).
//
// CCDash's 15 codes, same meaning:
//   cwd_not_found, cwd_not_directory, workspace_boundary_violation (the cwd is outside the
//   workspace), unsupported_env_profile, empty_command, invalid_command_syntax,
//   blocked_command_pattern (rm -rf /, dd of=/dev/sdX, fork bombs), blocked_command_class (mkfs,
//   shutdown, reboot, kernel modules ...), privileged_command (sudo/su/doas ...), destructive_command,
//   network_command, compound_shell_command (informational: lists and pipelines are judged part by
//   part), safe_read_only_command, standard_dev_command, unknown_command.
// Added by the workbench:
//   execution_disabled          the system policy switched execution off (kill switch)
//   workspace_not_found         the workspace root does not exist
//   path_outside_workspace      a path argument resolves outside the workspace
//   redirection_outside_workspace  a redirection target resolves outside the workspace
//   workspace_root_target       deleting/chmod -R of the workspace root, home or /
//   dynamic_command_name        the program name is only known at run time ($X, $(..), globs)
//   dynamic_argument            a write/delete target is only known at run time
//   obfuscated_command          look-alike letters, invisible characters, split quoting, encoded names
//   fetch_and_execute           network or decoded data run by a shell or interpreter; reverse shells
//   inline_code                 python -c, node -e, awk system(), text piped into a shell
//   execute_option              tools with execute flags (rg --pre, sed e, tar --to-command ...)
//   eval_command                eval, source of files outside the workspace
//   background_process          &, nohup, setsid, docker run -d ...
//   credential_access           reading credential material outside the workspace
//   secret_file_read            reading secret-bearing files inside the workspace (.env, *.pem)
//   secret_exfiltration         secrets or environment dumps sent to the network
//   environment_dump            env, printenv, export -p
//   environment_hijack          LD_PRELOAD, PATH to writable dirs, BASH_ENV, PAGER/EDITOR payloads ...
//   git_config_exec             git -c / git config of a key that runs a program
//   agent_command               Claude Code slash command run through the agent launcher
//   wrapper_depth_exceeded      wrappers or nested shells deeper than the bound
//   force_push                  git push --force / --mirror / --delete / +ref / :ref
//   force_push_with_lease       git push --force-with-lease
//   history_rewrite             git rebase, filter-branch, reflog expire
//   publish                     git push, npm publish, gh pr create ...
//   persistence                 writes to shell rc files, crontab, ~/.ssh, systemd units, /etc
//   privilege_escalation        sudo, su, doas, pkexec, setuid bits, privileged containers
//   block_device_write          writes to /dev/sdX, /dev/nvme*, /dev/mem ...
//   resource_exhaustion         endless output written to a file (yes > f, cat /dev/zero > f)
//   dependency_install          adding new dependencies from a registry
//   global_install              installing outside the workspace (npm -g, cargo install, apt)
//   global_config_write         writing global configuration (git config --global ...)
//   destructive_infrastructure  docker rm/prune, kubectl delete, terraform destroy, DROP TABLE ...
//   infrastructure_change       kubectl apply, terraform apply, helm install ...
//   container_command           docker run/exec/compose up
//   package_execution           npx, uvx, pipx run: fetches and runs a package
//   process_kill                kill, pkill, killall
//   service_control             systemctl start/stop, service ...
//   interactive_command         editors and REPL-like tools that need a terminal
//   symlink_outside_workspace   ln -s to a target outside the workspace
//   workspace_hook_write        writes to .git/hooks or .git/config (runs code on the next git command)
//   workspace_write             a redirection writes a file inside the workspace (allowed, medium risk)
//   project_script              running a script or binary that lives in the workspace
//   unseen_sql                  SQL read from a file or another program (psql -f, sqlite3 db < x.sql): not seen when judged
//   custom_rule                 a rule from a policy file (system, user or workspace)
#include <QString>

namespace workbench::policy {

// The translated sentence for a reason code; detail (a program, path or option) fills %1.
QString reasonMessage(const QString &code, const QString &detail = QString());

} // namespace workbench::policy
