from policykg.cli import app

app()
