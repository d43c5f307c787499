"""answer follows

Revision ID: 0007
Revises: 0006
Created: 2026-12-01 18:05:00.000000

An answer to a follow-up names the answer it replied to, so a conversation can be read again from its
questions, after a restart too.  One nullable column: answers logged before it follow nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('follows', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    # Not in a batch: on SQLite a batch copies the table and drops the old one, which votes referring to
    # answers forbid; SQLite (3.35 and later) drops a plain column in place.
    op.drop_column('answer', 'follows')
