import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { Readable } from 'node:stream'
import { assertSafeKey, type Storage } from './storage.ts'

export interface S3Options {
  bucket: string
  region: string
  endpoint: string | undefined
  forcePathStyle: boolean
}

/** Any S3-compatible service (MinIO, Ceph, a cloud provider); credentials come from the standard AWS_* variables. */
export function s3Storage(opts: S3Options): Storage {
  const client = new S3Client({
    region: opts.region,
    forcePathStyle: opts.forcePathStyle,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  })
  return {
    kind: 's3',
    async put(key, body, contentType) {
      assertSafeKey(key)
      await client.send(new PutObjectCommand({ Bucket: opts.bucket, Key: key, Body: body, ContentType: contentType }))
    },
    async get(key) {
      assertSafeKey(key)
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: key }))
        return (res.Body as Readable | undefined) ?? null
      } catch (e) {
        if (e instanceof NoSuchKey) return null
        throw e
      }
    },
    async delete(key) {
      assertSafeKey(key)
      await client.send(new DeleteObjectCommand({ Bucket: opts.bucket, Key: key }))
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket: opts.bucket }))
    },
  }
}
