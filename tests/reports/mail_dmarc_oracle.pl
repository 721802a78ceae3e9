#!/usr/bin/perl
# Reads one aggregate report (XML, or gzip of it) with Mail::DMARC's receiver (libmail-dmarc-perl)
# and prints what bimi's reader is compared with: one line for the report, one per record.
#   report ORG_NAME REPORT_ID BEGIN END DOMAIN
#   record SOURCE_IP COUNT DKIM SPF HEADER_FROM
use strict;
use warnings;
use IO::Uncompress::Gunzip qw(gunzip $GunzipError);
use Mail::DMARC::Report::Receive;
use XML::LibXML;

my $path = shift or die "usage: $0 FILE\n";
my $bytes;
if ($path =~ /\.gz$/) {
  gunzip($path => \$bytes) or die "gunzip: $GunzipError\n";
} else {
  local $/;
  open my $in, '<:raw', $path or die "$path: $!\n";
  $bytes = <$in>;
}
my $receive = Mail::DMARC::Report::Receive->new;
# handle_body without save_aggregate: the same node readers, no report store.
my $dom = XML::LibXML->load_xml(string => $bytes);
my $meta = $receive->do_node_report_metadata($dom->findnodes("/feedback/report_metadata"));
my $policy = $receive->do_node_policy_published($dom->findnodes("/feedback/policy_published"));
my @records = map { $receive->do_node_record($_) } $dom->findnodes("/feedback/record");
printf "report %s %s %s %s %s\n", $meta->org_name // '', $meta->report_id // '', $meta->begin // '',
  $meta->end // '', $policy->domain // '';
for my $r (@records) {
  printf "record %s %s %s %s %s\n", $r->row->source_ip, $r->row->count, $r->row->policy_evaluated->dkim,
    $r->row->policy_evaluated->spf, $r->identifiers->header_from;
}
