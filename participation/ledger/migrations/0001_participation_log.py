"""The participation log: its hash-chained entries and the head row every append locks."""

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='LedgerEntry',
            fields=[
                ('sequence', models.PositiveBigIntegerField(primary_key=True, serialize=False, verbose_name='number')),
                ('kind', models.CharField(choices=[('vote.cast', 'Vote cast'), ('vote.changed', 'Vote changed'), ('vote.withdrawn', 'Vote withdrawn'), ('suggestion.received', 'Suggestion received'), ('complaint.received', 'Complaint received'), ('response.published', 'Official response published')], max_length=30, verbose_name='event')),
                ('recorded_at', models.DateTimeField(verbose_name='recorded at')),
                ('payload', models.JSONField(help_text='Numbers of the objects concerned and keyed hashes; never personal data.', verbose_name='details')),
                ('previous_hash', models.CharField(max_length=64, verbose_name='hash of the previous entry')),
                ('entry_hash', models.CharField(max_length=64, unique=True, verbose_name='hash')),
            ],
            options={
                'verbose_name': 'participation log entry',
                'verbose_name_plural': 'participation log entries',
                'ordering': ['sequence'],
                'default_permissions': ('view',),
            },
        ),
        migrations.CreateModel(
            name='LedgerHead',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, editable=False, primary_key=True, serialize=False)),
                ('sequence', models.PositiveBigIntegerField(default=0, verbose_name='last entry')),
                ('entry_hash', models.CharField(default='0000000000000000000000000000000000000000000000000000000000000000', max_length=64, verbose_name='hash of the last entry')),
            ],
            options={
                'verbose_name': 'participation log head',
                'default_permissions': (),
                'constraints': [models.CheckConstraint(condition=models.Q(('id', 1)), name='ledger_one_head')],
            },
        ),
    ]
