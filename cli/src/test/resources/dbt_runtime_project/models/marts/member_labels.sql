{%- set started = modules.datetime.datetime(2024, 1, 31) -%}
{%- set next_day = started + modules.datetime.timedelta(days=1) -%}
{%- do log('labelling members from ' ~ next_day.strftime('%Y-%m-%d'), info=True) -%}
select
  market,
  member_no,
  {% for column in ['name', 'tier'] -%}
  '{{ '%s_%s' % (column, loop.cycle('a', 'b')) }}' as {{ column }}_label,
  {% endfor -%}
  '{{ 'retail'[:3] | upper }}' as prefix,
  '{{ next_day.strftime('%Y-%m-%d') }}' as labelled_on
from {{ ref('stg_members') }}
