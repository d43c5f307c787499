"""round tags

Revision ID: 0005
Revises: 0004
Created: 2026-12-01 16:10:00

A tracker row's industry, HQ location, country, funding stage, funds raised and the day it was added are
kept per round (fact), so questions about sectors, places and stages can be answered; re-importing an
export fills them in for rows imported before.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('round_tags',
    sa.Column('fact_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('industry', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('location', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('stage', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=True),
    sa.Column('funds_raised', sa.Float(), nullable=True),
    sa.Column('date_added', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['fact_id'], ['fact.id'], name='fk_round_tags_fact'),
    sa.PrimaryKeyConstraint('fact_id')
    )


def downgrade() -> None:
    op.drop_table('round_tags')
