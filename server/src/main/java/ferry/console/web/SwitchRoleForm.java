package ferry.console.web;

import org.jspecify.annotations.Nullable;

/** The switch-role page: the account and role asked for, and the denial if STS refused. */
public record SwitchRoleForm(
    String account, String role, @Nullable Denial denial, @Nullable String error) {
  static final SwitchRoleForm EMPTY = new SwitchRoleForm("", "", null, null);
}
