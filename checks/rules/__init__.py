"""The rules, one module per obligation. The registry that lists them is ``checks/registry.py``:
importing one rule module (the readers import ``checks.rules.loading``) loads no other."""
