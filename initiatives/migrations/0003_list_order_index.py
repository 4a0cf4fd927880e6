# The registry's list order as an index.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0002_initiative_effect_confirmed'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(fields=['-recognized_on', 'code'], name='initiative_list_order'),
        ),
    ]
