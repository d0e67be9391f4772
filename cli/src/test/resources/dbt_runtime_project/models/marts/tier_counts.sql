{{ config(materialized='replace_table', post_hook="create or replace table {{ this.schema }}.tier_counts_audit as select count(*) as n from {{ this }}") }}
select tier, count(*) as members
from {{ ref('stg_members') }}
group by tier
