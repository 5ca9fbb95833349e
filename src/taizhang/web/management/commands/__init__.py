"""``taizhang serve`` and the other commands of the web app."""
