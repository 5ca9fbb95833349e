"""Who may see and change what: roles, scopes, the one function that restricts a queryset,
and signing in (argon2 passwords, lockout, idle sessions, TOTP two-factor). See docs/access.md.
"""
