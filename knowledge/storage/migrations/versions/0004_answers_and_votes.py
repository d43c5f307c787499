"""answers and votes

Revision ID: 0004
Revises: 0003
Created: 2026-12-01 14:23:10.643393

Answers the bot gives are logged (their buttons name them); a vote belongs to one answer, and a member's
second vote on it replaces the first. Askers are no longer kept, and voters only as a keyed hash: the user
ids stored so far are cleared (askers with their column; voters of earlier votes, which name no answer).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('answer',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=True),
    sa.Column('guild_id', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.Column('fact_ids', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('message_id', name='uq_answer_message_id')
    )
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_at'), ['at'], unique=False)

    op.execute(sa.text("UPDATE feedback SET voter = ''"))
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answer_id', sa.BigInteger(), nullable=True))
        batch_op.create_unique_constraint('uq_feedback_answer_voter', ['answer_id', 'voter'])
        batch_op.create_foreign_key('fk_feedback_answer', 'answer', ['answer_id'], ['id'])

    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('asker')



def downgrade() -> None:
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('asker', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))

    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_constraint('fk_feedback_answer', type_='foreignkey')
        batch_op.drop_constraint('uq_feedback_answer_voter', type_='unique')
        batch_op.drop_column('answer_id')

    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_at'))

    op.drop_table('answer')
