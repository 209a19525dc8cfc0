"""Alembic environment: runs on the connection Mawjaz hands over (see ``mawjaz.storage.migrate``)."""

from alembic import context
from sqlmodel import SQLModel

import mawjaz.storage.models  # noqa: F401  (registers the tables)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
