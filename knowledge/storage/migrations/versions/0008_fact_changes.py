"""fact changes

Revision ID: 0008
Revises: 0007
Created: 2026-12-01 17:55:00.000000

Each move of the generation counter records the facts it touched (`fact_change`), so that every process's
in-memory snapshot applies what changed since the generation it holds instead of rebuilding.  A new table only;
older generations have no rows, which a snapshot reads as a gap (and rebuilds once).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fact_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.Column('fact_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('fact_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fact_change_generation'), ['generation'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('fact_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fact_change_generation'))
    op.drop_table('fact_change')
