-- What ARM shows of the cluster, echoed in the compute as Azure ML does: the API server's FQDN and, for a cluster
-- akscompute created in a virtual network, the networking configuration it was created with (JSON).
alter table compute add column cluster_fqdn varchar(253);
alter table compute add column aks_networking text;
