"""fact origin key

Revision ID: 0002
Revises: 0001
Created: 2026-11-25 11:45:36.455549
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('fact', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin_key', sqlmodel.sql.sqltypes.AutoString(length=600), nullable=True))
        batch_op.create_index(batch_op.f('ix_fact_origin_key'), ['origin_key'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('fact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fact_origin_key'))
        batch_op.drop_column('origin_key')

