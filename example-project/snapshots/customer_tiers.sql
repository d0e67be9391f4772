{#- "What tier was this customer in last March?": every change of a member's loyalty tier, kept as
    type-2 history. member_no restarts in every market, so the key is (market, member_no). -#}
{% snapshot customer_tiers %}
{{ config(unique_key=['market', 'member_no'], strategy='check', check_cols=['loyalty_tier'],
          hard_deletes='invalidate', target_schema='snapshots') }}
select market, member_no, customer_key, first_name, loyalty_tier
from {{ ref('stg_customers') }}
{% endsnapshot %}
