"""The surveys module's panels on the home dashboard and the profile."""
