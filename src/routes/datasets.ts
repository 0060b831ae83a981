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
        description: 'Multipart upload, field `file`: CSV (header, delimiter and types inferred), a JSON array of rows, JSON lines, or Parquet. Limited by MAX_UPLOAD_SIZE.',
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
  app.get('/datasets', { schema: { tags: ['datasets'], summary: 'List datasets', response: { 200: DatasetList } } }, async () => {
    const datasets = await app.vigil.listDatasets()
    return { datasets, count: datasets.length }
  })
  app.get(
    '/datasets/:dataset_id',
    { schema: { tags: ['datasets'], summary: 'A dataset and its column profile', params: DatasetIdParams, response: { 200: Dataset, ...errors(400, 404) } } },
    async (request) => app.vigil.getDataset(request.params.dataset_id),
  )
  app.delete(
    '/datasets/:dataset_id',
    { schema: { tags: ['datasets'], summary: 'Delete a dataset', params: DatasetIdParams, response: { 200: DatasetDeleted, ...errors(400, 404) } } },
    async (request) => app.vigil.deleteDataset(request.params.dataset_id),
  )
}
