import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { dataInfo } from '../compat/data-info.js'
import { InvalidInputError } from '../errors.js'
import { DatasetIdParams, errors } from '../schemas/common.js'
import { Dataset, DatasetDeleted, DatasetList, UploadBody, UploadResponse } from '../schemas/dataset.js'

export const datasetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/upload-dataset',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Upload a dataset',
        description:
          "Multipart upload, field `file`: CSV (header, delimiter and types inferred), a JSON array of rows, JSON lines, or Parquet. Limited by MAX_UPLOAD_SIZE. Answers the stored dataset's manifest and column profile, and 002's `data_info`; train on it with POST /train/{dataset_id}.",
        consumes: ['multipart/form-data'],
        body: UploadBody,
        response: { 200: UploadResponse, ...errors(400, 413) },
      },
      // the multipart stream is not a parsed body: the handler checks the `file` field itself
      validatorCompiler: () => () => true,
    },
    async (request) => {
      if (!request.isMultipart()) throw new InvalidInputError('send the dataset as multipart/form-data with the field `file`', { field: 'file' })
      const part = await request.file()
      if (!part || part.fieldname !== 'file') throw new InvalidInputError('multipart field `file` is missing', { field: 'file' })
      const dataset = await app.vigil.uploadDataset(part.file, part.filename || 'upload.csv')
      return { ...dataset, data_info: dataInfo(dataset), message: `dataset uploaded: ${dataset.rows} rows, ${dataset.columns.length} columns` }
    },
  )
  app.get(
    '/datasets',
    { schema: { tags: ['datasets'], summary: 'List datasets', description: 'Every stored dataset: uploads, combined and simulated ones, each with its manifest and profile.', response: { 200: DatasetList } } },
    async () => {
      const datasets = await app.vigil.listDatasets()
      return { datasets, count: datasets.length }
    },
  )
  app.get(
    '/datasets/:dataset_id',
    {
      schema: {
        tags: ['datasets'],
        summary: 'A dataset and its column profile',
        description: 'The manifest (name, format, rows, SHA-256, columns with their DuckDB types) and per-column statistics; a combined dataset names its sources.',
        params: DatasetIdParams,
        response: { 200: Dataset, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.getDataset(request.params.dataset_id),
  )
  app.delete(
    '/datasets/:dataset_id',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Delete a dataset',
        description: 'Removes the stored data. Models trained on it keep working: their versions keep its id and digest as lineage.',
        params: DatasetIdParams,
        response: { 200: DatasetDeleted, ...errors(400, 404) },
      },
    },
    async (request) => app.vigil.deleteDataset(request.params.dataset_id),
  )
}
